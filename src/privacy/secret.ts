import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readSecretFileIfExists, writeSecretFileOnce } from '../secret-file';
import { assertUsableSecret, PrivacySecretError } from './hashing';

/** Where a generated privacy secret is kept inside the data directory (mode 0600). */
export const PRIVACY_SECRET_FILE = 'privacy-secret';

export interface PrivacySecretOptions {
  /** OMNIDEX_PRIVACY_SECRET, when configured. */
  configured: string | undefined;
  /** The data directory (OMNIDEX_DATA_DIR) that keeps a generated secret. */
  dataDir: string;
  /** NODE_ENV=production: the secret must be configured, never generated. */
  production: boolean;
  /** Nothing is written: a missing secret is random for this process only (in-memory stacks). */
  ephemeral?: boolean;
}

/**
 * The suppression list's HMAC secret. It must never change for the life of the list (a new secret
 * makes every hash on it unrecognisable, see `SuppressionKeyError`), so a generated one is written
 * once to the data directory and read back by every later `omnidex` process, like the auth secrets.
 */
export async function resolvePrivacySecret(options: PrivacySecretOptions): Promise<string> {
  if (options.configured) {
    assertUsableSecret(options.configured);
    return options.configured;
  }
  if (options.production) {
    throw new PrivacySecretError('NODE_ENV=production requires OMNIDEX_PRIVACY_SECRET to be set; Omnidex generates secrets only outside production');
  }
  if (options.ephemeral) return randomBytes(32).toString('base64url');
  const file = path.join(options.dataDir, PRIVACY_SECRET_FILE);
  const existing = await readSecretFile(file);
  if (existing) return existing;
  await writeSecretFileOnce(file, `${randomBytes(32).toString('base64url')}\n`);
  return (await readSecretFile(file))!;
}

async function readSecretFile(file: string): Promise<string | undefined> {
  const text = await readSecretFileIfExists(file);
  if (text === undefined) return undefined;
  const secret = text.trim();
  try {
    assertUsableSecret(secret);
  } catch {
    throw new PrivacySecretError(`${file} does not hold a usable privacy secret; restore it from a backup (a new one would forget the suppression list)`);
  }
  return secret;
}
