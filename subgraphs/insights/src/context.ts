import type { IndexConfig } from '../../../src/insights';
import type { SubgraphContext } from '../../common/src/subgraph';

/**
 * An insights request's context (codegen's `contextType`): no loaders, since it reads no data,
 * and how the Integration Index, the golden profile and the metrics are computed, fixed at start-up.
 */
export type InsightsContext = SubgraphContext<Record<string, never>, { indexConfig: IndexConfig }>;
