import type { CustomerMetricsResolvers } from '../__generated__/resolvers-types';

export const CustomerMetrics: CustomerMetricsResolvers = {
  // Configuration order, which `customerMetrics` keeps in its record.
  interactionsInWindow: (metrics) =>
    Object.entries(metrics.interactionsInWindow).map(([channel, count]) => ({
      channel: channel as keyof typeof metrics.interactionsInWindow,
      count: count ?? 0,
    })),
};
