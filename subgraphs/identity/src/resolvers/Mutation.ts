import { ManualDecisionError, splitCustomer, unlinkRecord, type CorrectionResult } from '../../../../src/identity/store';
import { badUserInput } from '../../../common/src/errors';
import type { CustomerDoc } from '../../../../src/identity/store/documents';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import type { IdentityContext } from '../context';

async function customersAfter(run: () => Promise<CorrectionResult>, argument: string, { loaders }: IdentityContext): Promise<CustomerDoc[]> {
  let result: CorrectionResult;
  try {
    result = await run();
  } catch (error) {
    if (error instanceof ManualDecisionError) throw badUserInput(error.message, argument);
    throw error;
  }
  const customers = await loaders.customerById.loadMany(result.customerIds);
  return customers.filter((c): c is CustomerDoc => !!c && !(c instanceof Error));
}

export const Mutation: MutationResolvers = {
  splitCustomer: (_, { id, parts, note }, context) =>
    customersAfter(() => splitCustomer(context.db, id, parts, note ?? undefined), 'parts', context),
  unlinkRecord: (_, { customerId, record, note }, context) =>
    customersAfter(() => unlinkRecord(context.db, customerId, record, note ?? undefined), 'record', context),
};
