import { COLLECTIONS } from '../../../../src/contract/documents';
import { pseudonymiseTransactions, type PseudonymisedTransactionDoc } from '../../../../src/privacy/pseudonymise';
import { channelRecordOperations } from '../../../common/src/record-operations';

/**
 * What the pos database holds of a customer, for erasure and the subject-access export. Receipts
 * stay for the books, pseudonymised, and keep their ids (so do the audit entries naming them).
 */
export const posRecordOperations = channelRecordOperations({
  channel: 'pos',
  collections: [
    { name: COLLECTIONS.pos.members, by: { field: '_id', ids: 'memberIds' }, sort: { _id: 1 }, importedAtField: 'imported.importedAt' },
    {
      name: COLLECTIONS.pos.transactions,
      by: { field: '_id', ids: 'transactionIds' },
      sort: { at: 1, _id: 1 },
      importedAtField: 'lines.imported.importedAt',
      forget: async (db, ids, now) => ({
        action: 'pseudonymised',
        count: await pseudonymiseTransactions(db.collection<PseudonymisedTransactionDoc>(COLLECTIONS.pos.transactions), ids, now),
      }),
    },
  ],
  auditedIds: ['memberIds', 'shopperKeys'],
});
