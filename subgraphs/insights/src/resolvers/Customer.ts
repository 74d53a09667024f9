import { customerMetrics, goldenProfile, integrationIndex } from '../../../../src/insights';
import type { CustomerResolvers } from '../__generated__/resolvers-types';
import { customerInputs, parseCustomerRepresentation } from '../models/representation';

export const Customer: CustomerResolvers = {
  // Insights has no customers of its own: the reference, with its @requires fields, is the parent.
  __resolveReference: (reference) => parseCustomerRepresentation(reference),
  profile: (customer, _args, { indexConfig }) => goldenProfile(customerInputs(customer, { profile: true }), indexConfig),
  integrationIndex: (customer, { asOf }, { indexConfig }) =>
    integrationIndex(customerInputs(customer, { profile: true, interactions: true }), asOf ?? new Date(), indexConfig),
  metrics: (customer, { asOf }, { indexConfig }) =>
    customerMetrics(customerInputs(customer, { interactions: true, orders: true }), asOf ?? new Date(), indexConfig),
};
