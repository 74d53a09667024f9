import type { Collection, Db } from 'mongodb';
import type { ForgetCount } from '../contract/internal-operations';
import { redactContactDetails } from './redact';

export const PRIVACY_LOG_COLLECTION = 'privacy_log';

export type { ForgetCount };

/**
 * The audit entry of one forget: who asked, when, why, and what was done, per collection. It names
 * the customer by its Omnidex id only: no identifier or contact detail, which would defeat the point.
 * `_id` is `forget:<customerId>`, so a re-run after a crash continues the same entry.
 */
export interface ForgetLogDoc {
  _id: string;
  kind: 'forget';
  customerId: string;
  /** Ids that had merged into the customer: asking to forget one of them finds this entry. */
  mergedIds: string[];
  /** The caller's `sub` (a user or service id) or, from the CLI, the operating-system user. */
  actor: string;
  /** Why, as the admin wrote it, with anything shaped like an email or a phone number blanked. */
  reason: string;
  requestedAt: Date;
  /** Set when a re-run resumed an interrupted forget. */
  resumedAt?: Date;
  status: 'in-progress' | 'done';
  finishedAt?: Date;
  counts: ForgetCount[];
}

export function privacyLog(identity: Db): Collection<ForgetLogDoc> {
  return identity.collection<ForgetLogDoc>(PRIVACY_LOG_COLLECTION);
}

/**
 * `reason` with email- and phone-shaped text replaced, so the audit log holds no contact details:
 * a reason is free text an admin types, often pasted from the customer's request.
 */
export function redactReason(reason: string): string {
  return redactContactDetails(reason).trim();
}
