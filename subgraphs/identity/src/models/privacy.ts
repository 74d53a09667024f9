import { GraphQLError } from 'graphql';
import { hasRole } from '../../../../src/auth/caller';
import { exportCustomerData, ForgetError, forgetCustomer, type ForgetResult } from '../../../../src/privacy';
import { appendCustomerEvents, forgottenEvent } from '../../../../src/live/events';
import { enqueueEvents } from '../../../../src/live/webhooks';
import { badUserInput, ErrorCode } from '../../../common/src/errors';
import { exportParticipants, forgetParticipants } from './services';
import type { IdentityContext } from '../context';

/**
 * The privacy rights (src/privacy). The identity subgraph orchestrates them because it owns the
 * map from a customer to its channel records; each other service forgets or exports what its own
 * database holds when identity asks it (docs/SECURITY.md, "Privacy rights").
 */

const MAX_REASON_LENGTH = 1_000;

/**
 * `@auth(requires: ["admin"])` already guards these fields; this second check keeps erasure
 * admin-only even where the schema's directive were lost (a copied resolver, a test harness).
 */
function requireAdmin({ caller }: IdentityContext, field: string): void {
  if (!caller || !hasRole(caller, 'admin')) {
    throw new GraphQLError(`${field} is for admins only`, { extensions: { code: ErrorCode.FORBIDDEN, field } });
  }
}

function privacySecretOf(context: IdentityContext): string {
  // A deployment error, not the client's: the generic internal error is what the client sees.
  if (!context.privacySecret) throw new Error('the identity subgraph was started without a privacy secret (OMNIDEX_PRIVACY_SECRET)');
  return context.privacySecret;
}

/** Everything held on customer `id`, gathered from each channel service; null when unknown. */
export async function exportCustomer(id: string, context: IdentityContext) {
  requireAdmin(context, 'Query.exportCustomerData');
  if (id.trim() === '') throw badUserInput('id must not be blank', 'id');
  return exportCustomerData(context.db, id.trim(), exportParticipants(context.services, context.caller));
}

/** Forgets customer `id` in every service, as the admin in `context` asks, for `reason`. */
export async function forget(id: string, reason: string, context: IdentityContext): Promise<ForgetResult> {
  requireAdmin(context, 'Mutation.forgetCustomer');
  if (reason.length > MAX_REASON_LENGTH) throw badUserInput(`reason must be at most ${MAX_REASON_LENGTH} characters`, 'reason');
  try {
    const result = await forgetCustomer(context.db, id, reason, context.caller.sub, {
      secret: privacySecretOf(context),
      participants: forgetParticipants(context.services, context.caller),
    });
    // Receivers hear of it (the id alone): they should forget what they hold too. Keyed by the id, so asking again queues nothing new.
    if (!result.alreadyForgotten) {
      await enqueueEvents(context.db, [{ type: 'customer.forgotten', data: { customerId: result.customerId } }]);
      await appendCustomerEvents(context.db, [forgottenEvent(result.customerId)]);
    }
    return result;
  } catch (error) {
    if (error instanceof ForgetError && error.code === 'INCOMPLETE') {
      throw new GraphQLError(error.message, { extensions: { code: 'FORGET_INCOMPLETE' } });
    }
    if (error instanceof ForgetError && error.argument !== 'actor') throw badUserInput(error.message, error.argument);
    throw error;
  }
}
