import type { SubgraphContext } from '../../common/src/subgraph';
import type { WebLoaders } from './loaders';

/** A web request's context (codegen's `contextType`). */
export type WebContext = SubgraphContext<WebLoaders>;
