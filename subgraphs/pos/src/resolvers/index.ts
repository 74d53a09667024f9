import { DateTimeScalar } from '../../../common/src/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Customer } from './Customer';
import { PosLine } from './PosLine';
import { PosMember } from './PosMember';
import { PosShopper } from './PosShopper';
import { PosTransaction } from './PosTransaction';
import { IntegrationIndexReport } from './IntegrationIndexReport';
import { Query } from './Query';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query,
  Customer,
  IntegrationIndexReport,
  PosShopper,
  PosMember,
  PosTransaction,
  PosLine,
  // GraphQL enum names to the values MongoDB stores (shopper kinds: the shopper key's prefix).
  PosTransactionType: { SALE: 'sale', RETURN: 'return' },
  PosShopperKind: { LOYALTY_MEMBER: 'loyalty', PAYMENT_CARD: 'card', ANONYMOUS: 'receipt' },
};
