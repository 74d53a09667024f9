import type { CustomerEventResolvers } from '../__generated__/resolvers-types';

export const CustomerEvent: CustomerEventResolvers = {
  sequence: (event) => String(event._id),
  customerId: (event) => event.customerIds[0]!,
  // Read now, not as it was: a forgotten customer is gone.
  customer: (event, _args, { loaders }) => (event.kind === 'FORGOTTEN' ? null : loaders.customerById.load(event.customerIds[0]!)),
  mergedFrom: (event) => event.mergedFrom ?? null,
  parts: (event) => event.parts ?? null,
  previousBand: (event) => event.previousBand ?? null,
  band: (event) => event.band ?? null,
};
