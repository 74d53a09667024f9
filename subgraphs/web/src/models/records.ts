import { COLLECTIONS } from '../../../../src/contract/documents';
import { channelRecordOperations } from '../../../common/src/record-operations';

/** What the web database holds of a customer, for erasure and the subject-access export. */
export const webRecordOperations = channelRecordOperations({
  channel: 'web',
  collections: [
    { name: COLLECTIONS.web.events, by: { field: 'visitorId', ids: 'visitorIds' }, sort: { at: 1, _id: 1 }, audited: true, importedAtField: 'imported.importedAt' },
    { name: COLLECTIONS.web.sessions, by: { field: 'visitorId', ids: 'visitorIds' }, sort: { startedAt: 1, _id: 1 }, audited: true },
    { name: COLLECTIONS.web.visitors, by: { field: '_id', ids: 'visitorIds' }, sort: { _id: 1 } },
  ],
  auditedIds: ['visitorIds'],
});
