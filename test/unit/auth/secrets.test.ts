import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, ConfigError } from '../../../src/config';
import { MissingSecretError, resolveAuthSettings, SECRETS_FILE } from '../../../src/auth/secrets';

const EXPLICIT_JWT = 'j'.repeat(40);
const EXPLICIT_INTERNAL = 'i'.repeat(40);

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-secrets-test-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('deciding the authentication secrets', () => {
  it('generates missing secrets once into the data directory, readable by its owner only', async () => {
    const config = loadConfig({ OMNIDEX_DATA_DIR: dataDir });
    const first = await resolveAuthSettings(config.auth, { dataDir });
    expect(first.bearer.secret).toMatch(/^[\w-]{43}$/);
    expect(first.internalSecret).toMatch(/^[\w-]{43}$/);
    expect(first.internalSecret).not.toBe(first.bearer.secret);
    const file = path.join(dataDir, SECRETS_FILE);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // `omnidex token` and `omnidex serve` in separate processes read the same file.
    await expect(resolveAuthSettings(config.auth, { dataDir })).resolves.toEqual(first);
  });

  it('agrees with itself when several processes start on a fresh directory at once', async () => {
    const config = loadConfig({ OMNIDEX_DATA_DIR: dataDir });
    const all = await Promise.all(Array.from({ length: 5 }, () => resolveAuthSettings(config.auth, { dataDir })));
    for (const settings of all) expect(settings).toEqual(all[0]);
  });

  it('prefers configured secrets and writes nothing when all are given', async () => {
    const config = loadConfig({
      OMNIDEX_JWT_SECRET: EXPLICIT_JWT,
      OMNIDEX_INTERNAL_SECRET: EXPLICIT_INTERNAL,
      OMNIDEX_JWT_ISSUER: 'https://idp.test/',
      OMNIDEX_JWT_AUDIENCE: 'omnidex',
    });
    await expect(resolveAuthSettings(config.auth, { dataDir })).resolves.toEqual({
      bearer: { secret: EXPLICIT_JWT, issuer: 'https://idp.test/', audience: 'omnidex', maxLifetimeSeconds: 86_400 },
      internalSecret: EXPLICIT_INTERNAL,
    });
    await expect(stat(path.join(dataDir, SECRETS_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('generates no HS256 secret when an identity provider signs the tokens', async () => {
    const config = loadConfig({ OMNIDEX_JWKS_URL: 'https://idp.test/.well-known/jwks.json' });
    const settings = await resolveAuthSettings(config.auth, { dataDir });
    expect(settings.bearer).toEqual({ jwksUrl: 'https://idp.test/.well-known/jwks.json', maxLifetimeSeconds: 86_400 });
    expect(settings.internalSecret).toMatch(/^[\w-]{43}$/);
  });

  it('keeps per-process random secrets for in-memory stacks', async () => {
    const config = loadConfig({});
    const a = await resolveAuthSettings(config.auth, { dataDir, ephemeral: true });
    const b = await resolveAuthSettings(config.auth, { dataDir, ephemeral: true });
    expect(a.internalSecret).not.toBe(b.internalSecret);
    expect(a.bearer.secret).not.toBe(b.bearer.secret);
    await expect(stat(path.join(dataDir, SECRETS_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses to generate anything in production, naming what to set', async () => {
    const config = loadConfig({ NODE_ENV: 'production', OMNIDEX_JWT_SECRET: EXPLICIT_JWT });
    const error = await resolveAuthSettings(config.auth, { dataDir }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(MissingSecretError);
    expect((error as Error).message).toBe(
      'NODE_ENV=production requires OMNIDEX_INTERNAL_SECRET to be set; Omnidex generates secrets only outside production',
    );
    const both = loadConfig({ NODE_ENV: 'production', OMNIDEX_JWT_SECRET: EXPLICIT_JWT, OMNIDEX_INTERNAL_SECRET: EXPLICIT_INTERNAL });
    await expect(resolveAuthSettings(both.auth, { dataDir })).resolves.toMatchObject({ internalSecret: EXPLICIT_INTERNAL });
  });

  it('asks a subgraph-only process in production for the internal secret alone', async () => {
    const subgraphOnly = loadConfig({ NODE_ENV: 'production', OMNIDEX_INTERNAL_SECRET: EXPLICIT_INTERNAL });
    await expect(resolveAuthSettings(subgraphOnly.auth, { dataDir, verifiesBearerTokens: false })).resolves.toEqual({
      bearer: { maxLifetimeSeconds: 86_400 },
      internalSecret: EXPLICIT_INTERNAL,
    });
    await expect(resolveAuthSettings(subgraphOnly.auth, { dataDir })).rejects.toThrow(/OMNIDEX_JWT_SECRET \(or OMNIDEX_JWKS_URL\)/);
  });

  it('names a corrupt secrets file instead of silently replacing it', async () => {
    await writeFile(path.join(dataDir, SECRETS_FILE), '{"jwtSecret": 1}');
    await expect(resolveAuthSettings(loadConfig({}).auth, { dataDir })).rejects.toThrow(/secrets.json is not a valid Omnidex secrets file/);
    expect(await readFile(path.join(dataDir, SECRETS_FILE), 'utf8')).toBe('{"jwtSecret": 1}');
  });

  it('refuses short secrets and a JWKS URL that is not http(s), naming the variable', () => {
    expect(() => loadConfig({ OMNIDEX_JWT_SECRET: 'hunter2' })).toThrow(ConfigError);
    expect(() => loadConfig({ OMNIDEX_INTERNAL_SECRET: 'short' })).toThrow(/OMNIDEX_INTERNAL_SECRET="\(hidden\)" is not valid: expected a secret of at least 32 characters/);
    expect(() => loadConfig({ OMNIDEX_JWKS_URL: 'file:///etc/keys.json' })).toThrow(/OMNIDEX_JWKS_URL/);
  });
});
