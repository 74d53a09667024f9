import { cp, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EJSON } from 'bson';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type MigrationProgress } from '../src';
import { spawnFixture, watchChild } from './fixtures/child';

/**
 * A data directory of the storage format before LMDB, written by the server of commit 2b290fa
 * (a snapshot, then a log: every BSON type, `_id`s of several types, unique, compound,
 * multikey, sparse and partial indexes, updates, deletes and re-inserts, dropped indexes,
 * collections and databases), and what that server answered for it (`.expected.json`).
 */
const FIXTURE = path.join(__dirname, 'fixtures', 'legacy-data-dir');
const SNAPSHOT = 'snapshot-000000000002.bson';
const LOG = 'log-000000000002.wal';

let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), 'omnidex-migration-')), 'data');
  await cp(FIXTURE, dir, { recursive: true });
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

/** Everything a server holds, as the fixture's expectations record it (exact types). */
async function contents(uri: string): Promise<Record<string, unknown>> {
  const client = await new MongoClient(uri, { promoteValues: false, promoteLongs: false, bsonRegExp: true }).connect();
  try {
    const out: Record<string, unknown> = {};
    for (const { name } of (await client.db().admin().listDatabases()).databases) {
      const db = client.db(name);
      for (const c of await db.listCollections().toArray()) {
        const coll = db.collection(c.name);
        out[`${name}.${c.name}`] = { options: (c as { options?: unknown }).options, indexes: await coll.listIndexes().toArray(), docs: await coll.find().toArray() };
      }
    }
    return out;
  } finally {
    await client.close();
  }
}

async function expected(): Promise<Record<string, unknown>> {
  return EJSON.parse(await readFile(`${FIXTURE}.expected.json`, 'utf8'), { relaxed: false }) as Record<string, unknown>;
}

/**
 * Each collection in canonical Extended JSON, where types (Int32 and Double, Long, ...) and field
 * order show; the order in which collections are listed is not part of what is compared.
 */
const canonical = (contents: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(contents).map(([namespace, value]) => [namespace, EJSON.stringify(value, { relaxed: false })]));

it('migrates a directory of the old format on first open, with progress, and only once', async () => {
  const progress: MigrationProgress[] = [];
  const server = await startEmbeddedMongo({ dataDir: dir, onMigrationProgress: (p) => progress.push(p) });
  try {
    expect(canonical(await contents(server.uri))).toEqual(canonical(await expected()));
  } finally {
    await server.close();
  }
  const totalBytes = (await stat(path.join(FIXTURE, SNAPSHOT))).size + (await stat(path.join(FIXTURE, LOG))).size;
  expect(progress.at(-1)).toEqual({ phase: 'done', bytesRead: totalBytes, totalBytes, documents: expect.any(Number) });
  expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['documents', 'indexes', 'done']));
  const bytesRead = progress.map((p) => p.bytesRead);
  expect(bytesRead).toEqual([...bytesRead].sort((a, b) => a - b));
  expect((await readdir(dir)).sort()).toEqual(['omnidex.mdb', 'omnidex.mdb-lock', 'pre-lmdb-format']);
  expect((await readdir(path.join(dir, 'pre-lmdb-format'))).sort()).toEqual([LOG, SNAPSHOT]);

  const again: MigrationProgress[] = [];
  const reopened = await startEmbeddedMongo({ dataDir: dir, onMigrationProgress: (p) => again.push(p) });
  try {
    expect(again).toEqual([]);
    expect(canonical(await contents(reopened.uri))).toEqual(canonical(await expected()));
    const client = await new MongoClient(reopened.uri).connect();
    const duplicate = await client.db('shop').collection('people').insertOne({ email: 'person1@example.com' }).catch((e: { code?: number }) => e);
    await client.close();
    expect((duplicate as { code?: number }).code).toBe(11000);
  } finally {
    await reopened.close();
  }
});

it('leaves out a torn last log record: it was never acknowledged', async () => {
  // The log's last record drops collection `temp`, which the record before it created.
  await truncate(path.join(dir, LOG), (await stat(path.join(dir, LOG))).size - 3);
  const server = await startEmbeddedMongo({ dataDir: dir, onMigrationProgress: () => undefined });
  try {
    const { ['shop.temp']: temp, ...rest } = await contents(server.uri);
    expect(temp).toBeDefined();
    expect(canonical(rest)).toEqual(canonical(await expected()));
    expect((temp as { docs: unknown[] }).docs).toHaveLength(1);
  } finally {
    await server.close();
  }
});

it('refuses a damaged directory, naming the file, and changes nothing', async () => {
  const snapshot = path.join(dir, SNAPSHOT);
  const bytes = await readFile(snapshot);
  const middle = bytes.length >> 1;
  bytes[middle] = (bytes[middle] as number) ^ 0xff;
  await writeFile(snapshot, bytes);
  await expect(startEmbeddedMongo({ dataDir: dir, onMigrationProgress: () => undefined })).rejects.toThrow(
    new RegExp(`corrupt data file ${snapshot.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} at byte \\d+`),
  );
  expect((await readdir(dir)).sort()).toEqual([LOG, SNAPSHOT]);
});

it('starts over after a migration the process did not finish', async () => {
  await writeFile(path.join(dir, 'omnidex.mdb.migrating'), 'half a file, as a killed migration leaves it');
  const server = await startEmbeddedMongo({ dataDir: dir, onMigrationProgress: () => undefined });
  try {
    expect(canonical(await contents(server.uri))).toEqual(canonical(await expected()));
  } finally {
    await server.close();
  }
  expect(await readdir(dir)).not.toContain('omnidex.mdb.migrating');
});

it('only moves the old files aside when a migration finished but was not cleaned up', async () => {
  const server = await startEmbeddedMongo({ dataDir: dir, onMigrationProgress: () => undefined });
  const client = await new MongoClient(server.uri).connect();
  await client.db('shop').collection('people').deleteMany({});
  await client.close();
  await server.close();
  // The old files back where they were: as if the process died right after the migration's rename.
  await rm(path.join(dir, 'pre-lmdb-format'), { recursive: true });
  await cp(FIXTURE, dir, { recursive: true });

  const progress: MigrationProgress[] = [];
  const reopened = await startEmbeddedMongo({ dataDir: dir, onMigrationProgress: (p) => progress.push(p) });
  try {
    expect(progress).toEqual([]);
    const client2 = await new MongoClient(reopened.uri).connect();
    expect(await client2.db('shop').collection('people').countDocuments()).toBe(0);
    await client2.close();
  } finally {
    await reopened.close();
  }
  expect((await readdir(path.join(dir, 'pre-lmdb-format'))).sort()).toEqual([LOG, SNAPSHOT]);
});

it.each(['documents', 'indexes'])('recovers from a migration killed with SIGKILL during its %s phase', async (phase) => {
  // A process of its own migrates the directory and stops inside the migration, where it is killed.
  const child = spawnFixture('migrate-data-dir.ts', [dir, phase]);
  const lines: string[] = [];
  const exited = watchChild(child, (line) => {
    lines.push(line);
    if (line === phase) child.kill('SIGKILL');
  });
  const { signal, stderr } = await exited;
  expect({ lines, signal, stderr }).toEqual({ lines: [phase], signal: 'SIGKILL', stderr: '' });
  // The old files are untouched beside the unfinished new one.
  expect((await readdir(dir)).sort()).toEqual(expect.arrayContaining([LOG, SNAPSHOT, 'omnidex.mdb.migrating']));
  expect(await readdir(dir)).not.toContain('omnidex.mdb');
  for (const name of [LOG, SNAPSHOT]) expect(await readFile(path.join(dir, name))).toEqual(await readFile(path.join(FIXTURE, name)));

  const progress: MigrationProgress[] = [];
  const server = await startEmbeddedMongo({ dataDir: dir, onMigrationProgress: (p) => progress.push(p) });
  try {
    expect(progress.at(-1)?.phase).toBe('done');
    expect(canonical(await contents(server.uri))).toEqual(canonical(await expected()));
  } finally {
    await server.close();
  }
  expect((await readdir(dir)).sort()).toEqual(['omnidex.mdb', 'omnidex.mdb-lock', 'pre-lmdb-format']);
});
