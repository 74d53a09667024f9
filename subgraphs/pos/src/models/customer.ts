import type { PosMemberDoc, PosTransactionDoc } from '../../../../src/contract/documents';

/**
 * A Customer as the gateway sends it to the stores: its id and, for `posFacts`, the members and
 * receipts identity resolved to it.
 */
export interface PosCustomerReference {
  id: string;
  posMembers?: { loyaltyId: string }[];
  posTransactions?: { transactionId: string }[];
}

/** `Customer.posFacts`: the customer's loyalty members and receipts. */
export interface PosCustomerFactsModel {
  members: PosMemberDoc[];
  transactions: PosTransactionDoc[];
}
