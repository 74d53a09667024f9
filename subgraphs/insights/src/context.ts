import type { Caller } from '../../../src/auth/caller';
import type { IndexConfig } from '../../../src/insights';

export interface InsightsContext {
  /** How the Integration Index, the golden profile and the metrics are computed; fixed at start-up. */
  indexConfig: IndexConfig;
  caller: Caller;
}

/** A fresh context for one request. Insights reads no database: everything comes from `@requires`. */
export function createInsightsContext(indexConfig: IndexConfig, caller: Caller): InsightsContext {
  return { indexConfig, caller };
}
