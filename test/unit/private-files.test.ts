import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '@omnidex/embedded-mongo';
import { resolveAuthSettings } from '../../src/auth/secrets';
import { loadConfig } from '../../src/config';
import { DATABASES } from '../../src/contract/documents';
import { databasesOn, openDatabases } from '../../src/db';
import { exportQuarantine } from '../../src/import';
import { resolvePrivacySecret } from '../../src/privacy';
import { createPrivateFile } from '../../src/secret-file';

// What Omnidex writes to disk holds personal data or secrets: only its owner may read it.

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'omnidex-private-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const modeOf = async (file: string) => (await stat(file)).mode & 0o777;

describe('the data directory (OMNIDEX_DATA_DIR)', () => {
  it('is created 0700 by the first command to open it, whichever that is', async () => {
    const viaDatabases = path.join(tmp, 'db', 'nested', '.omnidex');
    const opened = await openDatabases(loadConfig({ OMNIDEX_DATA_DIR: viaDatabases }), ['crm']);
    await opened.close();
    expect(await modeOf(viaDatabases)).toBe(0o700);

    const viaPrivacySecret = path.join(tmp, 'privacy', '.omnidex');
    await resolvePrivacySecret({ configured: undefined, dataDir: viaPrivacySecret, production: false });
    expect(await modeOf(viaPrivacySecret)).toBe(0o700);

    const viaAuthSecrets = path.join(tmp, 'auth', '.omnidex');
    await resolveAuthSettings(loadConfig({}).auth, { dataDir: viaAuthSecrets });
    expect(await modeOf(viaAuthSecrets)).toBe(0o700);
  });
});

describe('omnidex quarantine --export FILE', () => {
  it('writes 0600, also over a file that was readable by others', async () => {
    const server = await startEmbeddedMongo();
    const client = await MongoClient.connect(server.uri);
    try {
      await client.db(DATABASES.crm).collection('quarantine').insertOne({ _id: 'q1' as never, file: 'crm/contacts.jsonl', line: 1, raw: '{"email":"ana@x.com"', reason: 'not valid JSON', importId: 'i', quarantinedAt: new Date() });
      const fresh = path.join(tmp, 'fresh.jsonl');
      expect(await exportQuarantine(databasesOn(client), fresh)).toBe(1);
      expect(await modeOf(fresh)).toBe(0o600);

      const existing = path.join(tmp, 'existing.jsonl');
      await writeFile(existing, 'old content\n', { mode: 0o644 });
      expect(await exportQuarantine(databasesOn(client), existing)).toBe(1);
      expect(await modeOf(existing)).toBe(0o600);
      expect(await readFile(existing, 'utf8')).toContain('ana@x.com');
    } finally {
      await client.close();
      await server.close();
    }
  });
});

describe('createPrivateFile (every export: quarantine, customer, mapping)', () => {
  it('puts a 0600 file in place only once complete, and leaves the old one when discarded', async () => {
    const file = path.join(tmp, 'export.json');
    await writeFile(file, 'old\n', { mode: 0o644 });
    const discarded = createPrivateFile(file);
    discarded.stream.write('half');
    await discarded.discard();
    expect({ content: await readFile(file, 'utf8'), mode: await modeOf(file) }).toEqual({ content: 'old\n', mode: 0o644 });

    const written = createPrivateFile(file);
    written.stream.write('new\n');
    await written.close();
    expect({ content: await readFile(file, 'utf8'), mode: await modeOf(file) }).toEqual({ content: 'new\n', mode: 0o600 });
  });
});
