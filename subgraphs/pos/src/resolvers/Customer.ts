import type { PosMemberDoc, PosTransactionDoc } from '../../../../src/contract/documents';
import type { CustomerResolvers } from '../__generated__/resolvers-types';

export const Customer: CustomerResolvers = {
  // The stores keep no customers: the reference (with its @requires fields) is the parent.
  __resolveReference: (reference) => reference,
  async posFacts(customer, _args, { loaders }) {
    // Both loaders batch across every customer of the `_entities` call: two finds in all.
    const [members, transactions] = await Promise.all([
      Promise.all((customer.posMembers ?? []).map((m) => loaders.memberById.load(m.loyaltyId))),
      Promise.all((customer.posTransactions ?? []).map((t) => loaders.transactionById.load(t.transactionId))),
    ]);
    return {
      // A record deleted since identity last resolved is left out.
      members: members.filter((member): member is PosMemberDoc => member !== null),
      transactions: transactions.filter((transaction): transaction is PosTransactionDoc => transaction !== null),
    };
  },
};
