import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { PosTransactionDoc } from '../contract/documents';
import { chunks } from '../identity/store/collections';

/**
 * What a store receipt keeps when its customer is forgotten: retention keeps sales and returns for
 * the books, so the receipt stays with its store, time, lines and amounts, and loses every field
 * that could lead back to the person. Used by `forgetCustomer` on stored receipts and by the
 * importer on receipt lines the suppression list catches, so both leave the same document.
 */

/** Receipt fields that identify a person (`extra` may hold anything an export added). */
export const TRANSACTION_PERSON_FIELDS = ['loyaltyId', 'cardToken', 'receiptEmail', 'extra'] as const;

type PersonField = (typeof TRANSACTION_PERSON_FIELDS)[number];

/** A copy of a receipt line (or document) without its person fields. */
export function pseudonymiseTransactionRow<T extends Partial<Record<PersonField, unknown>>>(row: T): Omit<T, PersonField> {
  const copy: Partial<T> = { ...row };
  for (const field of TRANSACTION_PERSON_FIELDS) delete copy[field];
  return copy as Omit<T, PersonField>;
}

/** The pseudonymised receipt: its person fields gone, marked so a re-run leaves it alone. */
export type PseudonymisedTransactionDoc = PosTransactionDoc & { pseudonymisedAt?: Date };

/**
 * Sales and returns stay for the books, amounts and lines intact; the person fields go, and the
 * receipt becomes an anonymous shopper of its own (`receipt:<id>`), as if it had been made
 * without a card. Returns how many receipts changed.
 */
export async function pseudonymiseTransactions(
  transactions: Collection<PseudonymisedTransactionDoc>,
  transactionIds: readonly string[],
  now: Date,
): Promise<number> {
  let modified = 0;
  for (const batch of chunks(transactionIds, 5_000)) {
    const ops: AnyBulkWriteOperation<PseudonymisedTransactionDoc>[] = batch.map((id) => ({
      updateOne: {
        filter: { _id: id, pseudonymisedAt: { $exists: false } },
        update: {
          $unset: Object.fromEntries(TRANSACTION_PERSON_FIELDS.map((field) => [field, ''])),
          $set: { shopperKey: `receipt:${id}`, pseudonymisedAt: now },
        },
      },
    }));
    if (ops.length > 0) modified += (await transactions.bulkWrite(ops, { ordered: false })).modifiedCount;
  }
  return modified;
}
