import type { CrmCaseResolvers } from '../__generated__/resolvers-types';

export const CrmCase: CrmCaseResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.caseById.load(reference.caseId),
  async contact(crmCase, _, { loaders }) {
    const contact = await loaders.contactById.load(crmCase.contactId);
    // The importer only writes cases of known contacts; a dangling one is a data fault, not input.
    if (!contact) throw new Error(`case ${crmCase.caseId} refers to missing contact ${crmCase.contactId}`);
    return contact;
  },
  transcript: (crmCase) => crmCase.transcript ?? [],
};
