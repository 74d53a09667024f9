import type { Db } from 'mongodb';
import { COLLECTIONS, type PosMemberDoc, type PosTransactionDoc } from '../../../../src/contract/documents';

/*
 * A PosShopper has no document of its own: it is whoever the receipts' `shopperKey` names
 * (documents.ts, `shopperKeyOf`), plus the loyalty member's profile when one enrolled.
 */

/** The part of a shopper key before the colon; the GraphQL enum `PosShopperKind` maps onto it. */
export type ShopperKeyPrefix = 'loyalty' | 'card' | 'receipt';

export interface PosShopperModel {
  shopperKey: string;
  kind: ShopperKeyPrefix;
  /** The loyalty id, card token or transaction id after the prefix. */
  id: string;
}

const KEY = /^(loyalty|card|receipt):(.+)$/s;

/** Splits `loyalty:<id>` | `card:<token>` | `receipt:<transactionId>`; undefined for anything else. */
export function parseShopperKey(shopperKey: string): PosShopperModel | undefined {
  const match = KEY.exec(shopperKey);
  if (!match) return undefined;
  return { shopperKey, kind: match[1] as ShopperKeyPrefix, id: match[2]! };
}

const LOYALTY_PREFIX = 'loyalty:';

/** The filter on member ids that yields the loyalty keys sorting after `afterKey`. */
function membersAfter(afterKey: string | undefined): { _id?: { $gt: string } } | undefined {
  if (afterKey === undefined || afterKey < LOYALTY_PREFIX) return {};
  if (afterKey.startsWith(LOYALTY_PREFIX)) return { _id: { $gt: afterKey.slice(LOYALTY_PREFIX.length) } };
  return undefined; // every loyalty key sorts before afterKey
}

/**
 * Up to `limit` shopper keys after `afterKey`, in key order: the keys receipts name, merged with
 * enrolled members who have no receipt yet (returned too, to prime the loader). Two commands.
 */
export async function shopperKeysAfter(db: Db, afterKey: string | undefined, limit: number): Promise<{ keys: string[]; members: PosMemberDoc[] }> {
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
    memberFilter ? db.collection<PosMemberDoc>(COLLECTIONS.pos.members).find(memberFilter).sort({ _id: 1 }).limit(limit).toArray() : Promise.resolve([]),
  ]);
  const keys = [...new Set([...receiptKeys.map((row) => row._id), ...members.map((m) => `${LOYALTY_PREFIX}${m._id}`)])].sort();
  return { keys, members };
}
