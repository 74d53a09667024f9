import type { SubgraphContext } from '../../common/src/subgraph';
import type { PosLoaders } from './loaders';

/** A pos request's context (codegen's `contextType`). */
export type PosContext = SubgraphContext<PosLoaders>;
