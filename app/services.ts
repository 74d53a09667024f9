import type { SubgraphModule } from '../subgraphs/common/src/subgraph';
import { crmSubgraph } from '../subgraphs/crm/src';
import { identitySubgraph } from '../subgraphs/identity/src';
import { insightsSubgraph } from '../subgraphs/insights/src';
import { posSubgraph } from '../subgraphs/pos/src';
import { webSubgraph } from '../subgraphs/web/src';
import type { SubgraphName } from '../src/config';

/** Every subgraph Omnidex serves, by the name the supergraph knows it by. */
export const SUBGRAPH_MODULES: Record<SubgraphName, SubgraphModule> = {
  crm: crmSubgraph,
  web: webSubgraph,
  pos: posSubgraph,
  identity: identitySubgraph,
  insights: insightsSubgraph,
};
