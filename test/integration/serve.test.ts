import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { signBearerToken } from '../../src/auth/bearer';
import { SECRETS_FILE } from '../../src/auth/secrets';
import { loadConfig } from '../../src/config';
import { serve } from '../../app/serve';
import { postGraphQL } from '../support/stack';

const COUNT_QUERY = '{ crmContacts(first: 1) { totalCount } posShoppers(first: 1) { edges { node { shopperKey } } } }';

describe('omnidex serve on a data directory', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-serve-test-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds an empty database once and keeps the data across a restart', async () => {
    const config = loadConfig({ OMNIDEX_DATA_DIR: dataDir, OMNIDEX_DEV: 'false' });
    const start = async (lines: string[]) =>
      serve({ config, ephemeralPorts: true, seedCustomers: 40, log: (line) => lines.push(line), gatewayLogLevel: false });

    const firstLog: string[] = [];
    const first = await start(firstLog);
    // Generated once into the data directory, so a token signed now still works after a restart.
    const token = await signBearerToken({ secret: first.auth.bearer.secret!, roles: ['admin'], sub: 'ops', ttlSeconds: 600 });
    const headers = { authorization: `Bearer ${token}` };
    const before = await postGraphQL(first.gateway!.url, COUNT_QUERY, undefined, headers);
    await first.stop();
    expect((await stat(path.join(dataDir, SECRETS_FILE))).mode & 0o777).toBe(0o600);
    expect(firstLog.some((line) => line.startsWith('seeded 40 demo customers'))).toBe(true);
    expect(before.body.data?.crmContacts.totalCount).toBeGreaterThan(0);

    const secondLog: string[] = [];
    const second = await start(secondLog);
    const after = await postGraphQL(second.gateway!.url, COUNT_QUERY, undefined, headers);
    await second.stop();
    expect(secondLog.some((line) => line.startsWith('seeded'))).toBe(false);
    expect(after.body).toEqual(before.body);
  });
});

describe('the omnidex command', () => {
  it('writes a deterministic seed through the CLI', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'omnidex-cli-test-'));
    try {
      const bin = path.resolve(__dirname, '../../bin/omnidex.js');
      await promisify(execFile)(process.execPath, [bin, 'seed', '--customers', '15', '--seed', '3', '--until', '2026-01-01', '--out', out]);
      expect((await readdir(out)).sort()).toEqual(['crm', 'ground-truth.jsonl', 'pos', 'web']);
      expect((await readdir(path.join(out, 'pos'))).sort()).toEqual(['members.csv', 'transactions.csv']);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('rejects a bad option with a clear message and a non-zero exit', async () => {
    const bin = path.resolve(__dirname, '../../bin/omnidex.js');
    await expect(promisify(execFile)(process.execPath, [bin, 'seed', '--customers', 'many'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/--customers.*expected a positive integer/s),
    });
  });
});
