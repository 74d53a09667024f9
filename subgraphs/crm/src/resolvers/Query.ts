import { COLLECTIONS, type CrmContactDoc } from '../../../../src/contract/documents';
import { findNewestFirst, parsePageArgs, toConnection } from '../../../common/src/pagination';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const CONTACTS_LIST = 'crmContacts';

export const Query: QueryResolvers = {
  crmContact: (_, { contactId }, { loaders }) => loaders.contactById.load(contactId),
  crmCase: (_, { caseId }, { loaders }) => loaders.caseById.load(caseId),
  async crmContacts(_, args, { db, loaders }) {
    const request = parsePageArgs(CONTACTS_LIST, args);
    const contacts = db.collection<CrmContactDoc>(COLLECTIONS.crm.contacts);
    const { docs, hasNextPage } = await findNewestFirst(contacts, 'createdAt', request);
    for (const doc of docs) loaders.contactById.prime(doc._id, doc);
    return toConnection(CONTACTS_LIST, docs, (doc) => ({ t: doc.createdAt, id: doc._id }), hasNextPage, () =>
      contacts.estimatedDocumentCount(),
    );
  },
};
