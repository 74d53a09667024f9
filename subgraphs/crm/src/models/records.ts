import { COLLECTIONS } from '../../../../src/contract/documents';
import { channelRecordOperations } from '../../../common/src/record-operations';

/** What the crm database holds of a customer, for erasure and the subject-access export. */
export const crmRecordOperations = channelRecordOperations({
  channel: 'crm',
  collections: [
    { name: COLLECTIONS.crm.cases, by: { field: 'contactId', ids: 'contactIds' }, sort: { openedAt: 1, _id: 1 }, audited: true, importedAtField: 'imported.importedAt' },
    { name: COLLECTIONS.crm.contacts, by: { field: '_id', ids: 'contactIds' }, sort: { _id: 1 }, importedAtField: 'imported.importedAt' },
  ],
  auditedIds: ['contactIds'],
});
