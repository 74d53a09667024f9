import type { CrmContactDoc } from '../../../../src/contract/documents';
import { crmCaseInputFromDoc } from '../../../../src/insights/inputs';
import type { CustomerResolvers } from '../__generated__/resolvers-types';

export const Customer: CustomerResolvers = {
  // The CRM keeps no customers: the reference (with its @requires fields) is the parent.
  __resolveReference: (reference) => reference,
  async crmFacts(customer, _args, { loaders }) {
    const contactIds = (customer.crmContacts ?? []).map((contact) => contact.contactId);
    // Both loaders batch across every customer of the `_entities` call: two finds in all.
    const [contacts, cases] = await Promise.all([
      Promise.all(contactIds.map((id) => loaders.contactById.load(id))),
      Promise.all(contactIds.map((id) => loaders.caseFactsByContact.load(id))),
    ]);
    return {
      // A contact deleted since identity last resolved is left out.
      contacts: contacts.filter((contact): contact is CrmContactDoc => contact !== null),
      cases: cases.flat().map(crmCaseInputFromDoc),
    };
  },
};
