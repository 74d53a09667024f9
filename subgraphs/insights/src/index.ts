import path from 'node:path';
import { loadConfig } from '../../../src/config';
import { loadIndexConfig, type IndexConfig } from '../../../src/insights';
import { pseudonymiseAuditEntries } from '../../../src/privacy/audit-log';
import { defineSubgraph } from '../../common/src/subgraph';
import { resolvers } from './resolvers';

export interface InsightsSubgraphOptions {
  /**
   * Where the index configuration comes from; by default the file `OMNIDEX_INDEX_CONFIG` names
   * (else `omnidex.index.json` in the working directory, else the defaults).
   */
  indexConfig?: () => IndexConfig;
}

/**
 * Insights computes `Customer.profile`, `integrationIndex` and `metrics` from the channel fields
 * the gateway fetches for it (`@requires`): it reads no channel data. Its database holds only its
 * audit log, beside which the profile reads it serves are recorded.
 */
export function createInsightsSubgraph(options: InsightsSubgraphOptions = {}) {
  const readIndexConfig = options.indexConfig ?? (() => loadIndexConfig({ path: loadConfig().indexConfigPath }));
  let indexConfig: IndexConfig | undefined;
  const config = () => (indexConfig ??= readIndexConfig());
  return defineSubgraph({
    name: 'insights',
    schemaPath: path.resolve(__dirname, '..', 'schema.graphql'),
    database: 'insights',
    resolvers,
    createLoaders: (): Record<string, never> => ({}),
    contextFrom: () => ({ indexConfig: config() }),
    prepare: config,
    internal: {
      // Its audit entries name customers by id alone.
      async 'forget-records'({ customerId, records }, { db }) {
        const count = await pseudonymiseAuditEntries(db, records.customerIds, customerId);
        return { counts: [{ database: 'insights', collection: 'audit', action: 'pseudonymised', count }] };
      },
    },
    // The portfolio report's parts arrive in one _entities request: ~40 MB at 100k customers.
    minRequestBytesLimit: 512 * 1024 * 1024,
  });
}

export const insightsSubgraph = createInsightsSubgraph();
