import type { IdentityCollections } from '../../../src/identity/store';
import type { CustomerEventTail } from '../../../src/live/events';
import type { SubgraphContext } from '../../common/src/subgraph';
import type { ServiceClients } from '../../common/src/service-client';
import type { IdentityLoaders } from './loaders';

/**
 * An identity request's context (codegen's `contextType`): its collections typed, and what the
 * work spanning the other services' databases needs (erasure, the export, the audit log).
 */
export type IdentityContext = SubgraphContext<
  IdentityLoaders,
  {
    identity: IdentityCollections;
    /** Keys the suppression list of forgotten customers; absent where privacy rights are not served. */
    privacySecret?: string;
    /** The other services, each asked for what its own database holds. */
    services: ServiceClients;
    /** The process's tail of the customer event log, which subscriptions listen to. */
    events: CustomerEventTail;
  }
>;
