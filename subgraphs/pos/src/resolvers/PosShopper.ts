import type { PosTransactionDoc } from '../../../../src/contract/documents';
import { parsePageArgs, toConnection } from '../../../common/src/pagination';
import type { PosShopperResolvers } from '../__generated__/resolvers-types';

const TRANSACTIONS_LIST = 'PosShopper.transactions';

export const PosShopper: PosShopperResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.shopperByKey.load(reference.shopperKey),
  loyaltyId: (shopper) => (shopper.kind === 'loyalty' ? shopper.id : null),
  cardToken: (shopper) => (shopper.kind === 'card' ? shopper.id : null),
  member: (shopper, _, { loaders }) => (shopper.kind === 'loyalty' ? loaders.memberById.load(shopper.id) : null),
  async transactions(shopper, args, { loaders }) {
    const request = parsePageArgs(TRANSACTIONS_LIST, args);
    const page = await loaders.transactionPagesByShopper.load({ parentId: shopper.shopperKey, request });
    const transactions = (await loaders.transactionById.loadMany(page.items.map((item) => item.id))).filter(
      (t): t is PosTransactionDoc => t !== null && !(t instanceof Error),
    );
    return toConnection(TRANSACTIONS_LIST, transactions, (t) => ({ t: t.at, id: t._id }), page.hasNextPage, page.totalCount);
  },
};
