import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config';
import { PRIVACY_SECRET_FILE, PrivacySecretError, resolvePrivacySecret } from '../../../src/privacy';

let dataDir: string;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-privacy-secret-'));
});

afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('resolvePrivacySecret', () => {
  it('uses the configured secret', async () => {
    const configured = 'configured-privacy-secret-0123456789abcdef';
    expect(await resolvePrivacySecret({ configured, dataDir, production: true })).toBe(configured);
    await expect(fs.readdir(dataDir)).resolves.toEqual([]);
  });

  it('generates one secret into the data directory, readable by its owner only, and keeps it', async () => {
    const first = await resolvePrivacySecret({ configured: undefined, dataDir, production: false });
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, PRIVACY_SECRET_FILE);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await resolvePrivacySecret({ configured: undefined, dataDir, production: false })).toBe(first);
  });

  it('agrees when several callers generate it at once', async () => {
    const secrets = await Promise.all([1, 2, 3].map(() => resolvePrivacySecret({ configured: undefined, dataDir, production: false })));
    expect(new Set(secrets).size).toBe(1);
  });

  it('refuses to generate one in production', async () => {
    await expect(resolvePrivacySecret({ configured: undefined, dataDir, production: true })).rejects.toThrow(
      /NODE_ENV=production requires OMNIDEX_PRIVACY_SECRET/,
    );
  });

  it('refuses a damaged secret file rather than start a new suppression list', async () => {
    await fs.writeFile(path.join(dataDir, PRIVACY_SECRET_FILE), 'short\n');
    await expect(resolvePrivacySecret({ configured: undefined, dataDir, production: false })).rejects.toThrow(PrivacySecretError);
  });

  it('gives each in-memory stack a random one', async () => {
    const a = await resolvePrivacySecret({ configured: undefined, dataDir, production: false, ephemeral: true });
    const b = await resolvePrivacySecret({ configured: undefined, dataDir, production: false, ephemeral: true });
    expect(a).not.toBe(b);
    await expect(fs.readdir(dataDir)).resolves.toEqual([]);
  });
});

describe('OMNIDEX_PRIVACY_SECRET', () => {
  it('is read by loadConfig, and a short one is refused naming the variable', () => {
    expect(loadConfig({ OMNIDEX_PRIVACY_SECRET: 'p'.repeat(40) }).privacySecret).toBe('p'.repeat(40));
    expect(loadConfig({}).privacySecret).toBeUndefined();
    expect(() => loadConfig({ OMNIDEX_PRIVACY_SECRET: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ OMNIDEX_PRIVACY_SECRET: 'short' })).toThrow(/OMNIDEX_PRIVACY_SECRET/);
  });
});
