import { splitCustomer, unlinkRecord } from '../../../../src/identity/store';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { customersAfter } from '../models/corrections';
import { forget } from '../models/privacy';

export const Mutation: MutationResolvers = {
  splitCustomer: (_, { id, parts, note }, context) =>
    customersAfter(() => splitCustomer(context.db, id, parts, note ?? undefined), 'parts', context),
  unlinkRecord: (_, { customerId, record, note }, context) =>
    customersAfter(() => unlinkRecord(context.db, customerId, record, note ?? undefined), 'record', context),
  forgetCustomer: (_, { id, reason }, context) => forget(id, reason, context),
};
