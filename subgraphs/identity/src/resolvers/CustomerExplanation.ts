import type { CustomerExplanationResolvers } from '../__generated__/resolvers-types';

export const CustomerExplanation: CustomerExplanationResolvers = {
  decisions: (explanation) => explanation.customer.decisions,
};
