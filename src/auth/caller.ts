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

/**
 * The role of a feed that writes through the ingest API (`POST /ingest/<kind>` on the gateway) and
 * reads nothing: it is not one of the reading ROLES, no field rule can name it, and the gateway
 * answers /graphql with 403 to a caller holding no other role.
 */
export const INGEST_ROLE = 'ingest';
export type IngestRole = typeof INGEST_ROLE;

/** Roles a bearer token may grant: the reading roles and `ingest`. */
export const BEARER_ROLES = [...ROLES, INGEST_ROLE] as const;
export type BearerRole = (typeof BEARER_ROLES)[number];

export type CallerRole = BearerRole | typeof SERVICE_ROLE;

export interface Caller {
  /** The JWT's `sub`: a user or service id, never an email (it is logged and audited). */
  sub: string;
  roles: readonly CallerRole[];
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isBearerRole(value: unknown): value is BearerRole {
  return value === INGEST_ROLE || isRole(value);
}

export function isCallerRole(value: unknown): value is CallerRole {
  return value === SERVICE_ROLE || isBearerRole(value);
}

/** A caller that may only write through the ingest API: it holds `ingest` and no reading role. */
export function isIngestOnly(caller: Caller): boolean {
  return caller.roles.includes(INGEST_ROLE) && !caller.roles.some(isRole);
}

export function hasRole(caller: Caller, ...roles: readonly CallerRole[]): boolean {
  return caller.roles.some((role) => roles.includes(role));
}
