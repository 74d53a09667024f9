import type { SubgraphModule } from '../subgraphs/common/src/subgraph';
import { crmSubgraph } from '../subgraphs/crm/src';
import { identitySubgraph } from '../subgraphs/identity/src';
import { insightsSubgraph } from '../subgraphs/insights/src';
import { posSubgraph } from '../subgraphs/pos/src';
import { webSubgraph } from '../subgraphs/web/src';
import type { SubgraphName } from '../src/config';

/** Every subgraph Omnidex serves, by the name the supergraph knows it by. */
export const SUBGRAPH_MODULES: Record<SubgraphName, SubgraphModule<unknown>> = {
  crm: crmSubgraph as SubgraphModule<unknown>,
  web: webSubgraph as SubgraphModule<unknown>,
  pos: posSubgraph as SubgraphModule<unknown>,
  identity: identitySubgraph as SubgraphModule<unknown>,
  insights: insightsSubgraph as SubgraphModule<unknown>,
};
