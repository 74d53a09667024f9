import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { AuthConfig } from '../config';
import { readSecretFileIfExists, writeSecretFileOnce } from '../secret-file';
import type { BearerSettings } from './bearer';

/** Everything the gateway and subgraphs need to authenticate, with every secret decided. */
export interface AuthSettings {
  bearer: BearerSettings;
  /** Signs and verifies the gateway-to-subgraph caller token. */
  internalSecret: string;
}

/** Where generated secrets live inside the data directory. */
export const SECRETS_FILE = 'secrets.json';

interface StoredSecrets {
  jwtSecret?: string;
  internalSecret?: string;
}

export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Thrown in production when a secret would have to be generated: a production deployment runs
 * several processes (often on several machines), which must be given the same secrets explicitly.
 */
export class MissingSecretError extends Error {
  constructor(variables: string[]) {
    super(`NODE_ENV=production requires ${variables.join(' and ')} to be set; Omnidex generates secrets only outside production`);
    this.name = 'MissingSecretError';
  }
}

export interface ResolveAuthOptions {
  /** The data directory that keeps generated secrets (OMNIDEX_DATA_DIR). */
  dataDir: string;
  /** Nothing is written: missing secrets are random for this process only (in-memory test stacks). */
  ephemeral?: boolean;
  /**
   * Whether this process verifies bearer tokens (it runs the gateway); default true. A process that
   * serves only subgraphs needs just the internal secret, and in production is not asked for more.
   */
  verifiesBearerTokens?: boolean;
}

/**
 * Decides the secrets: configured ones win; a missing one is generated once and kept in
 * `<dataDir>/secrets.json` (mode 0600) so that `omnidex token` and `omnidex serve` on the same
 * data directory agree. A JWT secret is only generated when no JWKS URL is configured, because
 * then HS256 demo tokens are the only way in.
 */
export async function resolveAuthSettings(config: AuthConfig, options: ResolveAuthOptions): Promise<AuthSettings> {
  const needsJwtSecret = (options.verifiesBearerTokens ?? true) && !config.jwtSecret && !config.jwksUrl;
  const needsInternalSecret = !config.internalSecret;
  let generated: StoredSecrets = {};
  if (needsJwtSecret || needsInternalSecret) {
    if (config.production) {
      throw new MissingSecretError([
        ...(needsJwtSecret ? ['OMNIDEX_JWT_SECRET (or OMNIDEX_JWKS_URL)'] : []),
        ...(needsInternalSecret ? ['OMNIDEX_INTERNAL_SECRET'] : []),
      ]);
    }
    generated = options.ephemeral
      ? { jwtSecret: generateSecret(), internalSecret: generateSecret() }
      : await loadOrCreateStoredSecrets(options.dataDir);
  }
  const jwtSecret = config.jwtSecret ?? (config.jwksUrl ? undefined : generated.jwtSecret);
  return {
    bearer: {
      ...(jwtSecret ? { secret: jwtSecret } : {}),
      ...(config.jwksUrl ? { jwksUrl: config.jwksUrl } : {}),
      ...(config.issuer ? { issuer: config.issuer } : {}),
      ...(config.audience ? { audience: config.audience } : {}),
      maxLifetimeSeconds: config.maxTokenLifetimeSeconds,
    },
    internalSecret: config.internalSecret ?? generated.internalSecret!,
  };
}

async function readStoredSecrets(file: string): Promise<StoredSecrets | undefined> {
  const text = await readSecretFileIfExists(file);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as StoredSecrets;
    if (typeof parsed.jwtSecret === 'string' && typeof parsed.internalSecret === 'string') return parsed;
  } catch {
    // Reported below with the file's name.
  }
  throw new Error(`${file} is not a valid Omnidex secrets file; delete it to generate new secrets (tokens issued before stop working)`);
}

/**
 * Both secrets are generated together, so the file is written once, complete. When two processes
 * start on a fresh data directory at once, the first one's file wins and the other reads it.
 */
async function loadOrCreateStoredSecrets(dataDir: string): Promise<StoredSecrets> {
  const file = path.join(dataDir, SECRETS_FILE);
  const existing = await readStoredSecrets(file);
  if (existing) return existing;
  const fresh = { jwtSecret: generateSecret(), internalSecret: generateSecret() };
  await writeSecretFileOnce(file, `${JSON.stringify(fresh, null, 2)}\n`);
  return (await readStoredSecrets(file))!;
}
