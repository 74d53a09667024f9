import type { TimelineEntryResolvers } from '../__generated__/resolvers-types';

export const TimelineEntry: TimelineEntryResolvers = {
  crmCase: (entry) => (entry.kind === 'case' ? { caseId: entry.entityId } : null),
  webSession: (entry) => (entry.kind === 'session' ? { sessionId: entry.entityId } : null),
  posTransaction: (entry) => (entry.channel === 'pos' ? { transactionId: entry.entityId } : null),
};
