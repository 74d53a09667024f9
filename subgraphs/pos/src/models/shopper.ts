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
