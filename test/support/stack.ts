import type { MongoClient, MongoClientOptions } from 'mongodb';
import type { DestinationStream } from 'pino';
import { signBearerToken } from '../../src/auth/bearer';
import { isBearerRole, type BearerRole as Role, type Caller } from '../../src/auth/caller';
import { databasesOn, type Databases } from '../../src/db';
import { loadConfig } from '../../src/config';
import { serve, type RunningOmnidex } from '../../app/serve';
import { callerWith, internalHeaders, TEST_METRICS_TOKEN } from './auth';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  body: { data?: TData | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

/** POSTs one GraphQL operation, as any client would. */
export async function postGraphQL<TData = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
  extensions?: Record<string, unknown>,
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    // An empty query is left out, so a persisted-document request carries only its hash.
    body: JSON.stringify({ query: query || undefined, variables, extensions }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<TData>['body'] };
}

export interface QueryOptions {
  /** The role (or roles) of the bearer token sent; admin by default. */
  role?: Role | readonly Role[];
  /** The token's `sub`; derived from the roles by default. */
  sub?: string;
  /** The request's `extensions` (e.g. `persistedQuery`). */
  extensions?: Record<string, unknown>;
}

export interface Stack extends RunningOmnidex {
  gatewayUrl: string;
  /** The one driver client of the in-memory database every service of the stack shares. */
  client: MongoClient;
  /** Every database, on that client, for tests that seed or inspect them directly. */
  dbs: Databases;
  /**
   * Runs an operation through the gateway with a bearer token for `options.role` (admin by
   * default) and fails the test on any GraphQL error.
   */
  query<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: QueryOptions): Promise<TData>;
  /**
   * Sends an operation through the gateway with a bearer token for `options.role` (admin by
   * default) and returns the whole response, errors included (partial data, FORBIDDEN, limits).
   */
  post<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: QueryOptions): Promise<GraphQLResponse<TData>>;
  /** A bearer token this stack's gateway accepts, valid for an hour. */
  tokenFor(role: Role | readonly Role[], sub?: string): Promise<string>;
  /** `{ authorization: 'Bearer …' }` for `postGraphQL` to this stack's gateway. */
  authHeaders(role?: Role | readonly Role[], sub?: string): Promise<Record<string, string>>;
  /** Posts `rows` as NDJSON to the gateway's `/ingest/<kind>` as the `ingest` role; the answer's report, once it is 200. */
  ingest(kind: string, rows: readonly unknown[]): Promise<Record<string, any>>;
  /** `{ authorization: 'Bearer <metrics token>' }`, what Prometheus sends to scrape `/metrics`. */
  metricsHeaders: Record<string, string>;
  /** Headers that let a test call one of this stack's subgraph ports directly, as `caller`. */
  internalHeaders(caller?: Caller): Promise<Record<string, string>>;
}

/**
 * Boots the whole of Omnidex for a test: the embedded database in memory, every subgraph and the
 * gateway, each on a free port, exactly as `omnidex serve` wires them.
 */
export async function startStack(
  options: {
    seedCustomers?: number;
    clientOptions?: MongoClientOptions;
    /** Extra configuration, as environment variables (e.g. OMNIDEX_JWT_ISSUER). */
    env?: Record<string, string>;
    /** False keeps the database on disk in OMNIDEX_DATA_DIR (from `env`), e.g. to restart it. */
    inMemory?: boolean;
    /** Captures the services' log lines (set OMNIDEX_LOG_LEVEL in `env`: tests are silent by default). */
    logDestination?: DestinationStream;
    /** Run the demo's live simulation (with OMNIDEX_SIMULATE=true in `env`, since tests run with NODE_ENV=test). */
    simulate?: boolean;
  } = {},
): Promise<Stack> {
  const running = await serve({
    // The live resolver polls the outboxes: off unless a test asks for it, so that tests counting
    // database commands see only their own.
    config: loadConfig({ OMNIDEX_DEV: 'false', OMNIDEX_LOG_LEVEL: 'silent', OMNIDEX_METRICS_TOKEN: TEST_METRICS_TOKEN, OMNIDEX_LIVE_RESOLVE: 'false', ...options.env }),
    inMemory: options.inMemory ?? true,
    ephemeralPorts: true,
    seedCustomers: options.seedCustomers ?? 0,
    clientOptions: options.clientOptions,
    log: () => undefined,
    logDestination: options.logDestination,
    simulate: options.simulate,
  });
  const gatewayUrl = running.gateway!.url;
  const { secret } = running.auth.bearer;
  if (!secret) throw new Error('a test stack signs its own bearer tokens, so it needs a JWT secret');
  const { issuer, audience } = running.auth.bearer;
  const tokenFor = (role: Role | readonly Role[], sub?: string) => {
    const caller = callerWith(role, sub);
    return signBearerToken({ secret, roles: caller.roles.filter(isBearerRole), sub: caller.sub, ttlSeconds: 3_600, issuer, audience });
  };
  const authHeaders = async (role: Role | readonly Role[] = 'admin', sub?: string) => ({
    authorization: `Bearer ${await tokenFor(role, sub)}`,
  });
  const post = async <TData>(query: string, variables?: Record<string, unknown>, options: QueryOptions = {}) =>
    postGraphQL<TData>(gatewayUrl, query, variables, await authHeaders(options.role ?? 'admin', options.sub), options.extensions);
  const client = running.databases!.clients[0]!;
  return Object.assign(running, {
    gatewayUrl,
    client,
    dbs: databasesOn(client),
    post,
    tokenFor,
    authHeaders,
    async ingest(kind: string, rows: readonly unknown[]): Promise<Record<string, any>> {
      const response = await fetch(`${new URL(gatewayUrl).origin}/ingest/${kind}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${await tokenFor('ingest')}` },
        body: rows.map((row) => JSON.stringify(row)).join('\n') + '\n',
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`ingest of ${kind} answered HTTP ${response.status}: ${text}`);
      return JSON.parse(text) as Record<string, any>;
    },
    metricsHeaders: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
    internalHeaders: (caller?: Caller) => internalHeaders(caller ?? callerWith('admin'), running.auth.internalSecret),
    async query<TData>(query: string, variables?: Record<string, unknown>, options: QueryOptions = {}): Promise<TData> {
      const { status, body } = await post<TData>(query, variables, options);
      if (status !== 200 || body.errors?.length || !body.data) {
        throw new Error(`GraphQL request failed (HTTP ${status}): ${JSON.stringify(body.errors ?? body)}`);
      }
      return body.data;
    },
  });
}
