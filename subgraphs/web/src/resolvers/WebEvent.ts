import type { WebEventResolvers } from '../__generated__/resolvers-types';

export const WebEvent: WebEventResolvers = {
  amount: (event) =>
    event.amount !== undefined && event.amount !== null && event.currency
      ? { amount: event.amount, currency: event.currency }
      : null,
};
