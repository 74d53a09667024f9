import { hasText } from '../../../common/src/text';
import type { PosTransactionResolvers } from '../__generated__/resolvers-types';
import { parseShopperKey } from '../models/shopper';

export const PosTransaction: PosTransactionResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.transactionById.load(reference.transactionId),
  shopper(transaction) {
    // The importer always writes a key of the documented form; fall back to the receipt itself.
    return parseShopperKey(transaction.shopperKey) ?? { shopperKey: `receipt:${transaction.transactionId}`, kind: 'receipt', id: transaction.transactionId };
  },
  recognised: (transaction) => hasText(transaction.loyaltyId) || hasText(transaction.receiptEmail),
  totals: (transaction) => transaction.totals.map(({ amount, currency }) => ({ amount, currency })),
};
