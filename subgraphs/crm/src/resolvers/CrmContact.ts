import { loyaltyShopperKey, type CrmCaseDoc } from '../../../../src/contract/documents';
import { parsePageArgs, toConnection } from '../../../common/src/pagination';
import type { CrmContactResolvers } from '../__generated__/resolvers-types';

const CASES_LIST = 'CrmContact.cases';

export const CrmContact: CrmContactResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.contactById.load(reference.contactId),
  fullName: ({ firstName, lastName }) => (firstName && lastName ? `${firstName} ${lastName}` : null),
  loyaltyShopper: ({ loyaltyId }) => (loyaltyId ? { shopperKey: loyaltyShopperKey(loyaltyId) } : null),
  consents: ({ emailOptIn, smsOptIn }) => ({ email: emailOptIn ?? null, sms: smsOptIn ?? null }),
  async cases(contact, args, { loaders }) {
    const request = parsePageArgs(CASES_LIST, args);
    const page = await loaders.casePagesByContact.load({ parentId: contact.contactId, request });
    const cases = await loaders.caseById.loadMany(page.items.map((item) => item.id));
    // A case deleted between the two reads is left out rather than failing the page.
    const found = cases.filter((c): c is CrmCaseDoc => c !== null && !(c instanceof Error));
    return toConnection(CASES_LIST, found, (c) => ({ t: c.openedAt, id: c._id }), page.hasNextPage, page.totalCount);
  },
};
