import type { AuditEntryResolvers } from '../__generated__/resolvers-types';

export const AuditEntry: AuditEntryResolvers = {
  id: (entry) => entry._id,
};
