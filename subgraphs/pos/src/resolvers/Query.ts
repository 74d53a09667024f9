import { parsePageArgs, toConnection } from '../../../common/src/pagination';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { badUserInput } from '../../../common/src/errors';
import { parseShopperKey, shopperKeysAfter, type PosShopperModel } from '../models/shopper';

const SHOPPERS_LIST = 'posShoppers';

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
    const { keys, members } = await shopperKeysAfter(db, request.after?.id, request.first + 1);
    for (const member of members) loaders.memberById.prime(member._id, member);
    const shoppers = keys
      .slice(0, request.first)
      .map(parseShopperKey)
      .filter((s): s is PosShopperModel => s !== undefined);
    for (const shopper of shoppers) loaders.shopperByKey.prime(shopper.shopperKey, shopper);
    return toConnection(SHOPPERS_LIST, shoppers, (s) => ({ id: s.shopperKey }), keys.length > request.first);
  },
};
