import type { ServiceClients } from './service-client';

/** Start-up settings a subgraph's requests may need besides its database and the caller. */
export interface SubgraphRuntime {
  /** Keys the suppression list of forgotten customers (src/privacy): identity and the channels. */
  privacySecret?: string;
  /** The other services, for the work that spans databases (identity orchestrates it). */
  services?: ServiceClients;
  /** The ingest API's settings (channel subgraphs): longest row, and the outbox bound behind 429. */
  ingest?: { maxRowBytes: number; outboxMaxPending: number };
}
