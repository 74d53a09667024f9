import type { PosMemberResolvers } from '../__generated__/resolvers-types';

export const PosMember: PosMemberResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.memberById.load(reference.loyaltyId),
  fullName: ({ firstName, lastName }) => (firstName && lastName ? `${firstName} ${lastName}` : null),
};
