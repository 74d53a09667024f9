import type { SubgraphContext } from '../../common/src/subgraph';
import type { CrmLoaders } from './loaders';

/** A crm request's context (codegen's `contextType`). */
export type CrmContext = SubgraphContext<CrmLoaders>;
