import type { PosLineResolvers } from '../__generated__/resolvers-types';

export const PosLine: PosLineResolvers = {
  unitPrice: (line) => ({ amount: line.unitPrice, currency: line.currency }),
  // Rounded to cents so 3 × 0.1 reads 0.3, as on the receipt.
  amount: (line) => ({ amount: Math.round(line.quantity * line.unitPrice * 100) / 100, currency: line.currency }),
};
