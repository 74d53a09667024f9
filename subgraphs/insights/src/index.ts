import { loadConfig } from '../../../src/config';
import { loadIndexConfig, type IndexConfig } from '../../../src/insights';
import type { SubgraphModule } from '../../common/src/subgraph';
import { createInsightsContext, type InsightsContext } from './context';
import { createInsightsServer, INSIGHTS_SCHEMA_PATH } from './server';

export type { InsightsContext } from './context';

export interface InsightsSubgraphOptions {
  /**
   * Where the index configuration comes from; by default the file `OMNIDEX_INDEX_CONFIG` names
   * (else `omnidex.index.json` in the working directory, else the defaults).
   */
  indexConfig?: () => IndexConfig;
}

/**
 * Insights owns no data: it computes `Customer.profile`, `integrationIndex` and `metrics` from the
 * channel fields the gateway fetches for it (`@requires`), so it needs no database and no indexes.
 */
export function createInsightsSubgraph(options: InsightsSubgraphOptions = {}): SubgraphModule<InsightsContext> {
  const readIndexConfig = options.indexConfig ?? (() => loadIndexConfig({ path: loadConfig().indexConfigPath }));
  let indexConfig: IndexConfig | undefined;
  // Read once, when the server is built, so a bad file stops start-up rather than a request.
  const config = () => (indexConfig ??= readIndexConfig());
  return {
    name: 'insights',
    schemaPath: INSIGHTS_SCHEMA_PATH,
    createServer: (serverOptions) => {
      config();
      return createInsightsServer(serverOptions);
    },
    createContext: (_client, caller) => createInsightsContext(config(), caller),
    // The portfolio report's parts arrive in one _entities request: ~40 MB at 100k customers.
    minRequestBytesLimit: 512 * 1024 * 1024,
  };
}

export const insightsSubgraph = createInsightsSubgraph();
