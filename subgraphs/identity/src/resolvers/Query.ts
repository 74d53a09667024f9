import { normalizeIdentifier, type IdentifierType as CoreIdentifierType } from '../../../../src/identity';
import { identifierKey } from '../../../../src/identity';
import type { CustomerDoc } from '../../../../src/identity/store/documents';
import { badUserInput } from '../../../common/src/errors';
import type { Filter } from 'mongodb';
import { afterFilter, parsePageArgs, toConnection } from '../../../common/src/pagination';
import { requireIdentifierText } from '../../../common/src/validation';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { auditLogPage } from '../models/audit';
import { toLinkedRecord, toRecordLink } from '../models/explanation';
import { exportCustomer } from '../models/privacy';

export const CUSTOMERS_LIST = 'customers';
const DEFAULT_PHONE_REGION = 'GB';

export const Query: QueryResolvers = {
  customer: (_, { id }, { loaders }) => loaders.customerById.load(id),

  async findCustomer(_, { by }, { loaders }) {
    const value = requireIdentifierText(by.value, 'by.value', 'by');
    if (by.type === 'crmContactId' || by.type === 'webVisitorId') {
      const key = `${by.type === 'crmContactId' ? 'crm:contact' : 'web:visitor'}:${value}`;
      const record = await loaders.recordById.load(key);
      return record ? loaders.customerById.load(record.customerId) : null;
    }
    const type = by.type as CoreIdentifierType;
    const normalized = normalizeIdentifier(type, value, { country: by.country ?? undefined, defaultCountry: DEFAULT_PHONE_REGION });
    if (normalized === undefined) throw badUserInput(`by.value ${JSON.stringify(by.value)} is not a valid ${by.type}`, 'by');
    return loaders.customerByIdentifier.load(identifierKey({ type, value: normalized }));
  },

  async customers(_, args, { identity, loaders }) {
    const request = parsePageArgs(CUSTOMERS_LIST, args);
    const channels = args.filter?.channels ?? [];
    const filter: Filter<CustomerDoc> = channels.length > 0 ? { channels: { $all: channels } } : {};
    const found = await identity.customers
      .find({ ...filter, ...(afterFilter('createdAt', request.after) as Filter<CustomerDoc>) })
      .sort({ createdAt: -1, _id: -1 })
      .limit(request.first + 1)
      .toArray();
    const docs = found.slice(0, request.first);
    for (const doc of docs) loaders.customerById.prime(doc._id, doc);
    return toConnection(CUSTOMERS_LIST, docs, (doc) => ({ t: doc.createdAt, id: doc._id }), found.length > request.first, () =>
      identity.customers.countDocuments(filter),
    );
  },

  async explainCustomer(_, { id }, { identity, loaders }) {
    const customer = await loaders.customerById.load(id);
    if (!customer) return null;
    const records = await identity.records.find({ customerId: customer._id }).sort({ _id: 1 }).toArray();
    return { customer, records: records.map(toLinkedRecord), links: customer.links.map(toRecordLink) };
  },

  exportCustomerData: (_, { id }, context) => exportCustomer(id, context),

  auditLog: (_, args, context) => auditLogPage(args, context),
};
