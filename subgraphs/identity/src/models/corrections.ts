import { ManualDecisionError, splitCustomer, unlinkRecord, type CorrectionResult } from '../../../../src/identity/store';
import { badUserInput } from '../../../common/src/errors';
import type { CustomerDoc } from '../../../../src/identity/store/documents';
import type { IdentityContext } from '../context';

/** Runs an admin correction; the customers its records are in afterwards. */
export async function customersAfter(run: () => Promise<CorrectionResult>, argument: string, { loaders }: IdentityContext): Promise<CustomerDoc[]> {
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
