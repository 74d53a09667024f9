import type { PosMemberResolvers } from '../__generated__/resolvers-types';

export const PosMember: PosMemberResolvers = {
  fullName: ({ firstName, lastName }) => (firstName && lastName ? `${firstName} ${lastName}` : null),
};
