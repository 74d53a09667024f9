/**
 * Who is asking. The gateway builds a Caller from a verified bearer JWT and hands it to the
 * subgraphs in a signed internal token; resolvers and the field-level authorization read it from
 * their request context. Roles are the design's four; a caller may hold several.
 */
export const ROLES = ['agent', 'marketing', 'frontend', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The role one Omnidex service holds when it calls another's internal operations (the identity
 * subgraph asking a channel to forget records). It exists only in internal caller tokens, which
 * only holders of the internal secret can sign: a bearer token naming it is not given it.
 */
export const SERVICE_ROLE = 'service';
export type CallerRole = Role | typeof SERVICE_ROLE;

export interface Caller {
  /** The JWT's `sub`: a user or service id, never an email (it is logged and audited). */
  sub: string;
  roles: readonly CallerRole[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isCallerRole(value: unknown): value is CallerRole {
  return value === SERVICE_ROLE || isRole(value);
}

export function hasRole(caller: Caller, ...roles: readonly CallerRole[]): boolean {
  return caller.roles.some((role) => roles.includes(role));
}
