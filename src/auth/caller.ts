/**
 * Who is asking. The gateway builds a Caller from a verified bearer JWT and hands it to the
 * subgraphs in a signed internal token; resolvers and the field-level authorization read it from
 * their request context. Roles are the design's four; a caller may hold several.
 */
export const ROLES = ['agent', 'marketing', 'frontend', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  /** The JWT's `sub`: a user or service id, never an email (it is logged and audited). */
  sub: string;
  roles: readonly Role[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasRole(caller: Caller, ...roles: readonly Role[]): boolean {
  return caller.roles.some((role) => roles.includes(role));
}
