import type { GuardDecision } from '../../../../src/identity';
import type { ResolutionDecisionResolvers } from '../__generated__/resolvers-types';

function summarize(decision: GuardDecision): string {
  switch (decision.rule) {
    case 'placeholder':
      return `${decision.identifier.type} ${decision.identifier.value} is a placeholder and links nothing`;
    case 'non-unique':
      return `${decision.identifier.type} ${decision.identifier.value} is on ${decision.profileRecords} profile records (cap ${decision.cap}) and links nothing`;
    case 'different-people':
      return `${decision.identifier.type} ${decision.identifier.value} is shared by ${decision.people.length} different people: linked only within each`;
    case 'cluster-conflict':
      return `${decision.a} and ${decision.b} were not joined: their customers hold clearly different people`;
    case 'manual':
      return `${decision.a} and ${decision.b} were not joined: admin decision ${decision.decisionId}`;
    case 'block-too-large':
      return `fuzzy block ${decision.blockingKey} has ${decision.size} records (max ${decision.maxBlockSize}) and was skipped`;
  }
}

export const ResolutionDecision: ResolutionDecisionResolvers = {
  summary: summarize,
  evidence: (decision) => JSON.stringify(decision),
};
