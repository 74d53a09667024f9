import DataLoader from 'dataloader';
import type { Db } from 'mongodb';
import { COLLECTIONS, type PosMemberDoc, type PosTransactionDoc } from '../../../src/contract/documents';
import { ensureChannelIndexes } from '../../../src/contract/indexes';
import {
  createByKeyLoader,
  createChildPageLoader,
  type ChildPage,
  type ChildPageKey,
} from '../../common/src/loaders';
import { parseShopperKey, type PosShopperModel } from './models/shopper';

export interface PosLoaders {
  memberById: DataLoader<string, PosMemberDoc | null>;
  transactionById: DataLoader<string, PosTransactionDoc | null>;
  /** A shopper exists when a receipt names it, or (loyalty keys) when the member enrolled. */
  shopperByKey: DataLoader<string, PosShopperModel | null>;
  /** Pages of a shopper's receipts and returns, newest first by `at`. */
  transactionPagesByShopper: DataLoader<ChildPageKey, ChildPage, string>;
}

/** Per-request loaders over the `pos` database; build new ones for every request. */
export function createLoaders(db: Db): PosLoaders {
  const transactions = db.collection<PosTransactionDoc>(COLLECTIONS.pos.transactions);
  const memberById = createByKeyLoader(db.collection<PosMemberDoc>(COLLECTIONS.pos.members));
  return {
    memberById,
    transactionById: createByKeyLoader(transactions),
    shopperByKey: new DataLoader<string, PosShopperModel | null>(async (keys) => {
      const shoppers = keys.map(parseShopperKey);
      const loyaltyIds = shoppers.flatMap((s) => (s?.kind === 'loyalty' ? [s.id] : []));
      const [withReceipts, members] = await Promise.all([
        transactions.distinct('shopperKey', { shopperKey: { $in: shoppers.flatMap((s) => (s ? [s.shopperKey] : [])) } }),
        loyaltyIds.length > 0 ? memberById.loadMany(loyaltyIds) : Promise.resolve([]),
      ]);
      const known = new Set<string>(withReceipts);
      for (const member of members) if (member && !(member instanceof Error)) known.add(`loyalty:${member.loyaltyId}`);
      return shoppers.map((shopper) => (shopper && known.has(shopper.shopperKey) ? shopper : null));
    }),
    transactionPagesByShopper: createChildPageLoader(db.collection(COLLECTIONS.pos.transactions), {
      parentField: 'shopperKey',
      timeField: 'at',
    }),
  };
}

/** The indexes behind every read above and the shopper list (the `_id` index serves the rest). */
export function ensureIndexes(db: Db): Promise<void> {
  return ensureChannelIndexes(db, 'pos');
}
