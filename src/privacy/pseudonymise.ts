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
