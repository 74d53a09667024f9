import path from 'node:path';
import { parseDurationSeconds } from './durations';
import { DATABASES, type DatabaseName } from './contract/documents';
import { LOG_LEVELS, type LogConfig, type LogLevel, type TracingConfig } from './telemetry/settings';

/** Thrown when an environment variable holds a value Omnidex cannot use; names the variable. */
export class ConfigError extends Error {
  constructor(variable: string, value: string, expected: string) {
    super(`${variable}=${JSON.stringify(value)} is not valid: expected ${expected}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readString(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function readPort(env: Env, name: string, fallback: number): number {
  const raw = readString(env, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(name, raw, 'an integer port between 0 and 65535');
  }
  return port;
}

function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = readString(env, name);
  if (raw === undefined) return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, raw, 'true or false');
}

function readDuration(env: Env, name: string, fallbackSeconds: number): number {
  const raw = readString(env, name);
  if (raw === undefined) return fallbackSeconds;
  try {
    return parseDurationSeconds(raw);
  } catch {
    throw new ConfigError(name, raw, 'a duration such as 12h, 30m or 7d');
  }
}

function readOrigins(env: Env, name: string): string[] {
  const raw = readString(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((item) => {
    const origin = item.trim();
    // An origin is scheme, host and port: nothing else matches a browser's Origin header.
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new ConfigError(name, raw, 'comma-separated origins such as https://console.example.com (no path, no trailing slash)');
    }
    return origin;
  });
}

function readMongoUri(env: Env, name: string): string | undefined {
  const raw = readString(env, name);
  if (raw !== undefined && !/^mongodb(\+srv)?:\/\//.test(raw)) throw new ConfigError(name, raw.replace(/\/\/[^@/]*@/, '//***@'), 'a mongodb:// or mongodb+srv:// URI');
  return raw;
}

/** HMAC secrets shorter than this are refused: HS256 wants at least 256 bits of key. */
const MIN_SECRET_LENGTH = 32;

function readSecret(env: Env, name: string): string | undefined {
  const value = readString(env, name);
  if (value !== undefined && value.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(name, '(hidden)', `a secret of at least ${MIN_SECRET_LENGTH} characters`);
  }
  return value;
}

/** Authentication settings as configured; unset secrets are generated later (src/auth/secrets.ts). */
export interface AuthConfig {
  /** OMNIDEX_JWT_SECRET: HS256 secret for bearer tokens (and `omnidex token`). */
  jwtSecret: string | undefined;
  /** OMNIDEX_JWKS_URL: an identity provider's JWKS for RS256/ES256 bearer tokens. */
  jwksUrl: string | undefined;
  /** OMNIDEX_JWT_ISSUER: required `iss` of bearer tokens. */
  issuer: string | undefined;
  /** OMNIDEX_JWT_AUDIENCE: required `aud` of bearer tokens. */
  audience: string | undefined;
  /** OMNIDEX_INTERNAL_SECRET: signs the gateway-to-subgraph caller token. */
  internalSecret: string | undefined;
  /** NODE_ENV=production: secrets must be configured explicitly, never generated. */
  production: boolean;
  /**
   * OMNIDEX_MAX_TOKEN_LIFETIME: the longest a bearer token may live (from `iat`, or from now without
   * it); a token valid for longer is refused, so a leaked one cannot serve for months.
   */
  maxTokenLifetimeSeconds: number;
}

function readHttpUrl(env: Env, name: string): string | undefined {
  const raw = readString(env, name);
  if (raw !== undefined && !(URL.canParse(raw) && /^https?:$/.test(new URL(raw).protocol))) throw new ConfigError(name, raw, 'an http(s) URL');
  return raw;
}

function readOidcConfig(env: Env): OidcConfig | undefined {
  const issuer = readHttpUrl(env, 'OMNIDEX_OIDC_ISSUER');
  const clientId = readString(env, 'OMNIDEX_OIDC_CLIENT_ID');
  if (issuer === undefined) {
    if (clientId !== undefined) throw new ConfigError('OMNIDEX_OIDC_CLIENT_ID', clientId, 'unset unless OMNIDEX_OIDC_ISSUER names the identity provider');
    return undefined;
  }
  if (clientId === undefined) throw new ConfigError('OMNIDEX_OIDC_ISSUER', issuer, 'set together with OMNIDEX_OIDC_CLIENT_ID');
  return {
    issuer,
    clientId,
    clientSecret: readString(env, 'OMNIDEX_OIDC_CLIENT_SECRET'),
    scope: readString(env, 'OMNIDEX_OIDC_SCOPE') ?? 'openid',
    resource: readString(env, 'OMNIDEX_OIDC_RESOURCE'),
  };
}

function readAuthConfig(env: Env): AuthConfig {
  const jwksUrl = readHttpUrl(env, 'OMNIDEX_JWKS_URL');
  return {
    jwtSecret: readSecret(env, 'OMNIDEX_JWT_SECRET'),
    jwksUrl,
    issuer: readString(env, 'OMNIDEX_JWT_ISSUER'),
    audience: readString(env, 'OMNIDEX_JWT_AUDIENCE'),
    internalSecret: readSecret(env, 'OMNIDEX_INTERNAL_SECRET'),
    production: env.NODE_ENV === 'production',
    maxTokenLifetimeSeconds: readDuration(env, 'OMNIDEX_MAX_TOKEN_LIFETIME', 24 * 3_600),
  };
}

export const SUBGRAPH_NAMES = ['crm', 'web', 'pos', 'identity', 'insights'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const DEFAULT_SUBGRAPH_PORTS: Record<SubgraphName, number> = { crm: 4001, web: 4002, pos: 4003, identity: 4004, insights: 4005 };

export interface Config {
  /** A real MongoDB; when absent Omnidex runs its embedded server on `dataDir`. */
  mongodbUri: string | undefined;
  /**
   * `OMNIDEX_<NAME>_MONGODB_URI`: where one owner's database lives when it is not at `mongodbUri`
   * (a channel team's own server). Unset ones use `mongodbUri`.
   */
  databaseUris: Partial<Record<DatabaseName, string>>;
  /** Where the embedded database keeps its files. */
  dataDir: string;
  /** Host every Omnidex server binds to. */
  host: string;
  gatewayPort: number;
  subgraphPorts: Record<SubgraphName, number>;
  /**
   * Where the gateway finds each subgraph when it runs apart from them (`serve --only gateway`);
   * defaults to the subgraph's port on this host.
   */
  subgraphUrls: Record<SubgraphName, string>;
  /** Development mode turns on GraphiQL and introspection. */
  development: boolean;
  /**
   * OMNIDEX_CORS_ORIGINS: the web origins (comma-separated, e.g. https://console.example.com) whose
   * pages may call the gateway from a browser, with credentials. None by default: only pages the
   * gateway serves itself (same origin) may.
   */
  corsOrigins: string[];
  /** Largest accepted request body, in bytes. */
  maxRequestBytes: number;
  /** OMNIDEX_MAX_ROW_KB: longest row `omnidex import` accepts, in bytes; longer ones are quarantined. */
  maxRowBytes: number;
  /**
   * OMNIDEX_INDEX_CONFIG: the Integration Index configuration file; when unset,
   * `omnidex.index.json` in the working directory if present, else the defaults (docs/INDEX.md).
   */
  indexConfigPath: string | undefined;
  auth: AuthConfig;
  limits: LimitsConfig;
  log: LogConfig;
  tracing: TracingConfig;
  /**
   * OMNIDEX_METRICS_TOKEN: the bearer token Prometheus sends to scrape `/metrics` on the gateway and
   * every subgraph; unset, `/metrics` answers no one (docs/SECURITY.md, "Metrics").
   */
  metricsToken: string | undefined;
  /**
   * OMNIDEX_PRIVACY_SECRET: keys the suppression list of forgotten customers (src/privacy). It must
   * never change once customers were forgotten; unset, one is generated into the data directory.
   */
  privacySecret: string | undefined;
  /** The agent console and index dashboard the gateway serves at `/` (docs/CONSOLE.md). */
  console: ConsoleConfig;
  live: LiveConfig;
}

/** The ingest API and continuous resolution (docs/ARCHITECTURE.md, "Live ingest"). */
export interface LiveConfig {
  /** OMNIDEX_MAX_INGEST_KB: largest `POST /ingest/<kind>` body, in bytes (413 beyond); at most 16 MiB. */
  maxIngestBytes: number;
  /**
   * OMNIDEX_OUTBOX_MAX_PENDING: outbox entries (one per batch of up to 1 000 rows) a channel may
   * hold unresolved before the ingest API answers 429 with Retry-After.
   */
  outboxMaxPending: number;
  /** OMNIDEX_LIVE_RESOLVE: run the resolver loop (true by default; `serve --only resolver` runs it alone). */
  resolve: boolean;
  /** OMNIDEX_LIVE_POLL_MS: how often an idle resolver looks at the outboxes. */
  pollMs: number;
  /** OMNIDEX_LIVE_LEASE_MS: how long the resolver's lease lasts unless renewed (another replica takes over after). */
  leaseMs: number;
  /**
   * OMNIDEX_OUTBOX_STALE_MS: an outbox entry still `pending` after this long was left by an ingest
   * that died mid-write; the resolver takes it as it is.
   */
  staleMs: number;
  /** OMNIDEX_WEBHOOK_BACKOFF_MS: comma-separated waits before each retry of a webhook delivery; then the dead-letter list. */
  webhookBackoffMs: number[];
  /**
   * OMNIDEX_SIMULATE: `omnidex serve` posts new web sessions and receipts of demo customers through
   * the ingest API so the demo moves (app/simulation.ts). On by default, off when NODE_ENV is
   * `production` or `test`; `serve --no-simulate` and `serve --no-seed` turn it off too.
   */
  simulate: boolean;
  /** OMNIDEX_SIMULATE_INTERVAL_MS: the time between two simulated posts (default 3 s). */
  simulateIntervalMs: number;
}

/** The web console: where its build is and how people sign in to it. */
export interface ConsoleConfig {
  /** OMNIDEX_CONSOLE: serve the console at `/` (default true). */
  enabled: boolean;
  /** OMNIDEX_CONSOLE_DIR: the console's build (default `console/dist` of this checkout). */
  dir: string;
  /** Sign-in through the organisation's identity provider; unset, people paste a bearer token. */
  oidc: OidcConfig | undefined;
}

/** OpenID Connect sign-in (authorization code with PKCE), set by OMNIDEX_OIDC_ISSUER and friends. */
export interface OidcConfig {
  /** OMNIDEX_OIDC_ISSUER: the provider's issuer URL; its discovery document is read from it. */
  issuer: string;
  /** OMNIDEX_OIDC_CLIENT_ID: the console's client id at the provider. */
  clientId: string;
  /** OMNIDEX_OIDC_CLIENT_SECRET: set when the provider registered the console as a confidential client. */
  clientSecret: string | undefined;
  /** OMNIDEX_OIDC_SCOPE: scopes asked for (default `openid`). */
  scope: string;
  /** OMNIDEX_OIDC_RESOURCE: the resource indicator (RFC 8707) that makes the provider issue an access token for Omnidex. */
  resource: string | undefined;
}

function readLogConfig(env: Env): LogConfig {
  const level = readString(env, 'OMNIDEX_LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) throw new ConfigError('OMNIDEX_LOG_LEVEL', level, LOG_LEVELS.join(', '));
  const format = readString(env, 'OMNIDEX_LOG_FORMAT') ?? 'json';
  if (format !== 'json' && format !== 'pretty') throw new ConfigError('OMNIDEX_LOG_FORMAT', format, 'json or pretty');
  return { level: level as LogLevel, format };
}

function readTracingConfig(env: Env): TracingConfig {
  const otlpEndpoint = readString(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  if (otlpEndpoint !== undefined && !(URL.canParse(otlpEndpoint) && /^https?:$/.test(new URL(otlpEndpoint).protocol))) {
    throw new ConfigError('OTEL_EXPORTER_OTLP_ENDPOINT', otlpEndpoint, 'an http(s) URL');
  }
  return { otlpEndpoint };
}

/** The gateway's limits on what one request may ask for, and its timeouts (docs/SECURITY.md, "Limits"). */
export interface LimitsConfig {
  /** OMNIDEX_MAX_DEPTH: deepest selection nesting accepted (a connection adds `edges { node }`). */
  maxDepth: number;
  /** OMNIDEX_MAX_ALIASES: aliased fields per operation. */
  maxAliases: number;
  /** OMNIDEX_MAX_TOKENS: lexical tokens per document, enforced while parsing. */
  maxTokens: number;
  /** OMNIDEX_MAX_COST: estimated cost, each list's selection multiplied by its `first`. */
  maxCost: number;
  /** OMNIDEX_MAX_STRING_LENGTH: characters in any one string argument or variable. */
  maxStringLength: number;
  /** OMNIDEX_RATE_LIMIT per OMNIDEX_RATE_LIMIT_WINDOW_S, per caller; undefined when set to 0 (off). */
  rateLimit: { requests: number; windowSeconds: number } | undefined;
  /** OMNIDEX_PERSISTED_DOCUMENTS: a JSON file of allowed documents by SHA-256 hash. */
  persistedDocumentsPath: string | undefined;
  /** OMNIDEX_PERSISTED_ONLY: refuse any document that is not in that file. */
  persistedOnly: boolean;
  /** OMNIDEX_SUBGRAPH_TIMEOUT_MS, or OMNIDEX_<NAME>_TIMEOUT_MS for one subgraph. */
  subgraphTimeoutMs: Record<SubgraphName, number>;
  /** OMNIDEX_DB_TIMEOUT_MS: how long a query waits for an unreachable MongoDB before failing. */
  databaseTimeoutMs: number;
}

/** Rows of an export file longer than this many KiB are quarantined, never read whole. */
export const DEFAULT_MAX_ROW_KB = 1024;

function readBackoff(env: Env, name: string, fallback: number[]): number[] {
  const raw = readString(env, name);
  if (raw === undefined) return fallback;
  const delays = raw.split(',').map((part) => Number(part.trim()));
  if (delays.length === 0 || delays.some((ms) => !Number.isInteger(ms) || ms <= 0)) {
    throw new ConfigError(name, raw, 'comma-separated positive integers (milliseconds)');
  }
  return delays;
}

function readPositiveInteger(env: Env, name: string, fallback: number, { allowZero = false } = {}): number {
  const raw = readString(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new ConfigError(name, raw, allowZero ? 'a non-negative integer' : 'a positive integer');
  }
  return value;
}

function readLimitsConfig(env: Env): LimitsConfig {
  const defaultTimeout = readPositiveInteger(env, 'OMNIDEX_SUBGRAPH_TIMEOUT_MS', 10_000);
  const subgraphTimeoutMs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, readPositiveInteger(env, `OMNIDEX_${name.toUpperCase()}_TIMEOUT_MS`, defaultTimeout)]),
  ) as Record<SubgraphName, number>;
  const rateLimitRequests = readPositiveInteger(env, 'OMNIDEX_RATE_LIMIT', 1200, { allowZero: true });
  const rateLimitWindow = readPositiveInteger(env, 'OMNIDEX_RATE_LIMIT_WINDOW_S', 60);
  const persistedDocumentsPath = readString(env, 'OMNIDEX_PERSISTED_DOCUMENTS');
  const persistedOnly = readBoolean(env, 'OMNIDEX_PERSISTED_ONLY', false);
  if (persistedOnly && persistedDocumentsPath === undefined) {
    throw new ConfigError('OMNIDEX_PERSISTED_ONLY', 'true', 'false unless OMNIDEX_PERSISTED_DOCUMENTS names the allowed documents');
  }
  return {
    maxDepth: readPositiveInteger(env, 'OMNIDEX_MAX_DEPTH', 12),
    maxAliases: readPositiveInteger(env, 'OMNIDEX_MAX_ALIASES', 20, { allowZero: true }),
    maxTokens: readPositiveInteger(env, 'OMNIDEX_MAX_TOKENS', 2000),
    maxCost: readPositiveInteger(env, 'OMNIDEX_MAX_COST', 10_000),
    maxStringLength: readPositiveInteger(env, 'OMNIDEX_MAX_STRING_LENGTH', 4096),
    rateLimit: rateLimitRequests === 0 ? undefined : { requests: rateLimitRequests, windowSeconds: rateLimitWindow },
    persistedDocumentsPath: persistedDocumentsPath === undefined ? undefined : path.resolve(persistedDocumentsPath),
    persistedOnly,
    subgraphTimeoutMs,
    databaseTimeoutMs: readPositiveInteger(env, 'OMNIDEX_DB_TIMEOUT_MS', 2_000),
  };
}

/** Reads the whole configuration from the environment, failing fast on any bad value. */
export function loadConfig(env: Env = process.env): Config {
  const subgraphPorts = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      name,
      readPort(env, `OMNIDEX_${name.toUpperCase()}_PORT`, DEFAULT_SUBGRAPH_PORTS[name]),
    ]),
  ) as Record<SubgraphName, number>;
  const host = readString(env, 'OMNIDEX_HOST') ?? '127.0.0.1';
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const variable = `OMNIDEX_${name.toUpperCase()}_URL`;
      const raw = readString(env, variable);
      if (raw !== undefined && !URL.canParse(raw)) throw new ConfigError(variable, raw, 'an http(s) URL');
      const localHost = host === '0.0.0.0' ? '127.0.0.1' : host;
      return [name, raw ?? `http://${localHost}:${subgraphPorts[name]}/graphql`];
    }),
  ) as Record<SubgraphName, string>;
  const maxRequestKb = readString(env, 'OMNIDEX_MAX_REQUEST_KB');
  let maxRequestBytes = 256 * 1024;
  if (maxRequestKb !== undefined) {
    const kb = Number(maxRequestKb);
    if (!Number.isInteger(kb) || kb <= 0) {
      throw new ConfigError('OMNIDEX_MAX_REQUEST_KB', maxRequestKb, 'a positive integer');
    }
    maxRequestBytes = kb * 1024;
  }
  const indexConfigPath = readString(env, 'OMNIDEX_INDEX_CONFIG');
  return {
    mongodbUri: readMongoUri(env, 'MONGODB_URI'),
    databaseUris: Object.fromEntries(
      Object.keys(DATABASES)
        .map((name) => [name, readMongoUri(env, `OMNIDEX_${name.toUpperCase()}_MONGODB_URI`)])
        .filter(([, uri]) => uri !== undefined),
    ),
    dataDir: path.resolve(readString(env, 'OMNIDEX_DATA_DIR') ?? '.omnidex'),
    host,
    gatewayPort: readPort(env, 'PORT', 4000),
    subgraphPorts,
    subgraphUrls,
    development: readBoolean(env, 'OMNIDEX_DEV', env.NODE_ENV !== 'production'),
    corsOrigins: readOrigins(env, 'OMNIDEX_CORS_ORIGINS'),
    maxRequestBytes,
    maxRowBytes: readPositiveInteger(env, 'OMNIDEX_MAX_ROW_KB', DEFAULT_MAX_ROW_KB) * 1024,
    live: {
      maxIngestBytes: Math.min(readPositiveInteger(env, 'OMNIDEX_MAX_INGEST_KB', 4096), 16_384) * 1024,
      outboxMaxPending: readPositiveInteger(env, 'OMNIDEX_OUTBOX_MAX_PENDING', 500),
      resolve: readString(env, 'OMNIDEX_LIVE_RESOLVE') !== 'false',
      pollMs: readPositiveInteger(env, 'OMNIDEX_LIVE_POLL_MS', 50),
      leaseMs: readPositiveInteger(env, 'OMNIDEX_LIVE_LEASE_MS', 10_000),
      staleMs: readPositiveInteger(env, 'OMNIDEX_OUTBOX_STALE_MS', 30_000),
      webhookBackoffMs: readBackoff(env, 'OMNIDEX_WEBHOOK_BACKOFF_MS', [1_000, 5_000, 30_000, 120_000, 600_000]),
      // Never in production, and not under a test runner unless a test asks for it.
      simulate: readBoolean(env, 'OMNIDEX_SIMULATE', env.NODE_ENV !== 'production' && env.NODE_ENV !== 'test'),
      simulateIntervalMs: readPositiveInteger(env, 'OMNIDEX_SIMULATE_INTERVAL_MS', 3_000),
    },
    indexConfigPath: indexConfigPath === undefined ? undefined : path.resolve(indexConfigPath),
    auth: readAuthConfig(env),
    limits: readLimitsConfig(env),
    privacySecret: readSecret(env, 'OMNIDEX_PRIVACY_SECRET'),
    console: {
      enabled: readBoolean(env, 'OMNIDEX_CONSOLE', true),
      dir: path.resolve(readString(env, 'OMNIDEX_CONSOLE_DIR') ?? path.join(__dirname, '..', 'console', 'dist')),
      oidc: readOidcConfig(env),
    },
    log: readLogConfig(env),
    tracing: readTracingConfig(env),
    metricsToken: readSecret(env, 'OMNIDEX_METRICS_TOKEN'),
  };
}
