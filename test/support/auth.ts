import type { BearerRole as Role, Caller } from '../../src/auth/caller';
import { INTERNAL_CALLER_HEADER, signInternalToken } from '../../src/auth/internal';
import { generateSecret } from '../../src/auth/secrets';

/**
 * The internal secret of subgraphs started by tests without a whole stack (the subgraph harness):
 * random for each test file, so no test can pass by knowing it in advance.
 */
export const TEST_INTERNAL_SECRET = generateSecret();

/** The bearer token test stacks' `/metrics` asks for (OMNIDEX_METRICS_TOKEN). */
export const TEST_METRICS_TOKEN = generateSecret();

/** A caller holding `roles` (one or several), named `sub`. */
export function callerWith(roles: Role | readonly Role[], sub?: string): Caller {
  const list: readonly Role[] = typeof roles === 'string' ? [roles] : roles;
  return { sub: sub ?? `test-${list.join('-') || 'no-roles'}`, roles: list };
}

/** The administrator tests act as unless they say otherwise. */
export const TEST_ADMIN: Caller = callerWith('admin');

/**
 * Headers that make a request to a subgraph's port look forwarded by the gateway for `caller`:
 * `x-omnidex-caller` signed with `secret` (the harness's by default, or a stack's `auth.internalSecret`).
 */
export async function internalHeaders(caller: Caller = TEST_ADMIN, secret: string = TEST_INTERNAL_SECRET): Promise<Record<string, string>> {
  return { [INTERNAL_CALLER_HEADER]: await signInternalToken(caller, secret) };
}
