import type { ExperienceEvidenceResolvers, IntegrationIndexResolvers } from '../__generated__/resolvers-types';

export const IntegrationIndex: IntegrationIndexResolvers = {
  windowStart: (index) => index.window.from,
};

export const ExperienceEvidence: ExperienceEvidenceResolvers = {
  __resolveType: (evidence) => {
    switch (evidence.kind) {
      case 'crm':
        return 'CrmExperienceEvidence';
      case 'web':
        return 'WebExperienceEvidence';
      case 'pos':
        return 'PosExperienceEvidence';
    }
  },
};
