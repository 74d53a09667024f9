import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createBearerVerifier } from '../../../src/auth/bearer';
import { parseDurationSeconds } from '../../../src/durations';
import { resolveAuthSettings } from '../../../src/auth/secrets';
import { loadConfig } from '../../../src/config';

const BIN = path.resolve(__dirname, '../../../bin/omnidex.js');
const run = (args: string[], env: Record<string, string>) =>
  promisify(execFile)(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });

describe('omnidex token', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-token-test-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints a token that a gateway on the same data directory accepts, for the role, sub and lifetime asked', async () => {
    const { stdout } = await run(['token', '--role', 'marketing', '--sub', 'campaign-tool', '--ttl', '2h'], { OMNIDEX_DATA_DIR: dataDir });
    const token = stdout.trim();
    const config = loadConfig({ OMNIDEX_DATA_DIR: dataDir });
    const { bearer } = await resolveAuthSettings(config.auth, { dataDir: config.dataDir });
    await expect(createBearerVerifier(bearer)(`Bearer ${token}`)).resolves.toEqual({ sub: 'campaign-tool', roles: ['marketing'] });
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(7_200);
  });

  it('signs nothing in production without an explicit secret', async () => {
    await expect(run(['token', '--role', 'admin'], { OMNIDEX_DATA_DIR: dataDir, NODE_ENV: 'production' })).rejects.toMatchObject({
      stderr: expect.stringMatching(/set OMNIDEX_JWT_SECRET/),
    });
  });
});

describe('durations', () => {
  it('reads seconds, minutes, hours and days, and refuses anything else', () => {
    expect(['90', '90s', '15m', '1h', '7d'].map(parseDurationSeconds)).toEqual([90, 90, 900, 3_600, 604_800]);
    for (const bad of ['0', '-1h', '1w', 'soon', '']) expect(() => parseDurationSeconds(bad)).toThrow(/is not a duration/);
  });
});
