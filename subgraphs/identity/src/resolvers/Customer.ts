import type { ActivityDoc } from '../../../../src/identity/store/documents';
import { parsePageArgs, toConnection } from '../../../common/src/pagination';
import type { CustomerResolvers } from '../__generated__/resolvers-types';

const TIMELINE_LIST = 'Customer.timeline';

export const Customer: CustomerResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.customerById.load(reference.id),
  id: (customer) => customer._id,
  crmContacts: (customer) => customer.crmContactIds.map((contactId) => ({ contactId })),
  webVisitors: (customer) => customer.webVisitorIds.map((visitorId) => ({ visitorId })),
  posShoppers: (customer) => customer.posShopperKeys.map((shopperKey) => ({ shopperKey })),
  posMembers: async (customer, _args, { loaders }) =>
    (await loaders.posRecordsByCustomer.load(customer._id))
      .filter((record) => record.kind === 'member')
      .map((record) => ({ loyaltyId: record.sourceId })),
  posTransactions: async (customer, _args, { loaders }) =>
    (await loaders.posRecordsByCustomer.load(customer._id))
      .filter((record) => record.kind === 'transaction')
      .map((record) => ({ transactionId: record.sourceId })),
  async timeline(customer, args, { loaders }) {
    const request = parsePageArgs(TIMELINE_LIST, args);
    const match: Record<string, unknown> = {};
    if (args.channels?.length) match.channel = { $in: [...args.channels].sort() };
    if (args.kinds?.length) match.kind = { $in: [...args.kinds].sort() };
    const page = await loaders.timelinePagesByCustomer(match).load({ parentId: customer._id, request });
    const entries = await loaders.activityById.loadMany(page.items.map((item) => item.id));
    // A pointer rewritten between the two reads is left out rather than failing the page.
    const found = entries.filter((e): e is ActivityDoc => e !== null && !(e instanceof Error));
    return toConnection(TIMELINE_LIST, found, (e) => ({ t: e.at, id: e._id }), page.hasNextPage, page.totalCount);
  },
};
