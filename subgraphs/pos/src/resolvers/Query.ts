import { COLLECTIONS, type PosMemberDoc, type PosTransactionDoc } from '../../../../src/contract/documents';
import { parsePageArgs, toConnection } from '../../../common/src/pagination';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { badUserInput } from '../../../common/src/errors';
import { parseShopperKey, type PosShopperModel } from '../models/shopper';

const SHOPPERS_LIST = 'posShoppers';
const LOYALTY_PREFIX = 'loyalty:';

/** The filter on member ids that yields the loyalty keys sorting after `afterKey`. */
function membersAfter(afterKey: string | undefined): { _id?: { $gt: string } } | undefined {
  if (afterKey === undefined || afterKey < LOYALTY_PREFIX) return {};
  if (afterKey.startsWith(LOYALTY_PREFIX)) return { _id: { $gt: afterKey.slice(LOYALTY_PREFIX.length) } };
  return undefined; // every loyalty key sorts before afterKey
}

export const Query: QueryResolvers = {
  async posShopper(_, { shopperKey }, { loaders }) {
    if (!parseShopperKey(shopperKey)) {
      throw badUserInput(
        `shopperKey must be loyalty:<loyaltyId>, card:<cardToken> or receipt:<transactionId>; got ${JSON.stringify(shopperKey)}`,
        'shopperKey',
      );
    }
    return loaders.shopperByKey.load(shopperKey);
  },
  posTransaction: (_, { transactionId }, { loaders }) => loaders.transactionById.load(transactionId),
  /**
   * Shoppers in key order: the keys receipts name, merged with enrolled members who have no
   * receipt yet. Both sides are read `first + 1` deep past the cursor; two commands per page.
   */
  async posShoppers(_, args, { db, loaders }) {
    const request = parsePageArgs(SHOPPERS_LIST, args, 'by-key');
    const afterKey = request.after?.id;
    const limit = request.first + 1;
    const memberFilter = membersAfter(afterKey);
    const [receiptKeys, members] = await Promise.all([
      db
        .collection<PosTransactionDoc>(COLLECTIONS.pos.transactions)
        .aggregate<{ _id: string }>([
          { $match: afterKey === undefined ? {} : { shopperKey: { $gt: afterKey } } },
          { $group: { _id: '$shopperKey' } },
          { $sort: { _id: 1 } },
          { $limit: limit },
        ])
        .toArray(),
      memberFilter
        ? db.collection<PosMemberDoc>(COLLECTIONS.pos.members).find(memberFilter).sort({ _id: 1 }).limit(limit).toArray()
        : Promise.resolve([]),
    ]);
    for (const member of members) loaders.memberById.prime(member._id, member);
    const keys = [...new Set([...receiptKeys.map((row) => row._id), ...members.map((m) => `${LOYALTY_PREFIX}${m._id}`)])].sort();
    const shoppers = keys
      .slice(0, request.first)
      .map(parseShopperKey)
      .filter((s): s is PosShopperModel => s !== undefined);
    for (const shopper of shoppers) loaders.shopperByKey.prime(shopper.shopperKey, shopper);
    return toConnection(SHOPPERS_LIST, shoppers, (s) => ({ id: s.shopperKey }), keys.length > request.first);
  },
};
