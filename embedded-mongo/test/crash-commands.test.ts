import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EJSON } from 'bson';
import { MongoClient, type Db } from 'mongodb';
import { startEmbeddedMongo } from '../src';
import { spawnFixture, watchChild } from './fixtures/child';

/**
 * Every kind of write command, killed with SIGKILL while in flight: the server restarted on the
 * directory holds exactly the state after the last acknowledged command, or after the one in
 * flight too, never anything in between. (crash-server.test.ts does the same for a stream of
 * insertMany, crash.test.ts below the wire for transactions of thousands of documents.)
 *
 * The commands are a fixed sequence, so the two states allowed are computed by running the same
 * sequence on a server of its own.
 */

type Step = (db: Db, round: number) => Promise<unknown>;

const STEPS: Array<[string, Step]> = [
  ['insertMany', (db, r) => db.collection('docs').insertMany(Array.from({ length: 40 }, (_, i) => ({ _id: `r${r}-${i}` as never, r, i, v: 0, tag: i % 4 })))],
  ['updateMany', (db, r) => db.collection('docs').updateMany({ r }, { $inc: { v: 1 }, $set: { touched: r } })],
  ['upsert', (db, r) => db.collection('docs').updateOne({ _id: `up-${r}` as never }, { $set: { r, v: r } }, { upsert: true })],
  ['findAndModify', (db, r) => db.collection('docs').findOneAndUpdate({ r, tag: 3 }, { $push: { log: r } } as never, { sort: { i: -1 } })],
  ['deleteMany', (db, r) => db.collection('docs').deleteMany({ r, tag: 1 })],
  ['createIndexes', (db, r) => db.collection('docs').createIndex({ tag: 1, i: r % 2 ? -1 : 1 }, { name: `rt${r}` })],
  ['insert into a new collection', (db, r) => db.collection(`side${r}`).insertOne({ _id: r as never, at: r })],
  ['drop', (db, r) => (r > 0 ? db.collection(`side${r - 1}`).drop() : db.collection('docs').deleteOne({ _id: 'r0-0' as never }))],
  ['dropIndexes', (db, r) => (r > 0 ? db.collection('docs').dropIndex(`rt${r - 1}`) : db.collection('docs').replaceOne({ _id: 'r0-2' as never }, { r: 0, i: 2, replaced: true }))],
  [
    // One update command of several statements (a bulkWrite of several kinds is several commands).
    'bulkWrite of updates',
    (db, r) =>
      db.collection('docs').bulkWrite([
        { updateOne: { filter: { _id: `r${r}-5` as never }, update: { $set: { bulk: r } } } },
        { replaceOne: { filter: { _id: `r${r}-6` as never }, replacement: { r, replaced: 'bulk' } } },
        { updateOne: { filter: { _id: `bulk-${r}` as never }, update: { $set: { r } }, upsert: true } },
        { updateMany: { filter: { r, tag: 2 }, update: { $unset: { touched: '' } } } },
      ]),
  ],
];

const run = (db: Db, n: number): Promise<unknown> => (STEPS[n % STEPS.length] as [string, Step])[1](db, Math.floor(n / STEPS.length));

/** Everything in the database, in canonical Extended JSON: collections, their indexes and documents. */
async function dump(db: Db): Promise<string> {
  const out: Record<string, unknown> = {};
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  for (const name of names) {
    const collection = db.collection(name);
    const indexes = (await collection.listIndexes().toArray()).map((ix) => ({ name: ix.name, key: ix.key })).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    out[name] = { indexes, docs: await collection.find().sort({ _id: 1 }).toArray() };
  }
  return EJSON.stringify(out, { relaxed: false });
}

/** The states after the first `count` and `count + 1` steps, from a server of their own. */
async function expectedStates(count: number): Promise<[string, string]> {
  const server = await startEmbeddedMongo({});
  const client = await new MongoClient(server.uri).connect();
  try {
    const db = client.db('crash');
    for (let n = 0; n < count; n++) await run(db, n);
    const before = await dump(db);
    await run(db, count);
    return [before, await dump(db)];
  } finally {
    await client.close();
    await server.close();
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'omnidex-crash-commands-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it.each(STEPS.map(([name], kind) => [name, kind] as const))('keeps all or nothing of %s killed in flight', async (_name, kind) => {
  const child = spawnFixture('serve-data-dir.ts', [dir]);
  let listening!: (port: number) => void;
  const port = new Promise<number>((resolve) => (listening = resolve));
  const exited = watchChild(child, (line) => {
    const match = /^port (\d+)$/.exec(line);
    if (match) listening(Number(match[1]));
  });
  const childPort = await Promise.race([port, exited.then(({ stderr }) => Promise.reject(new Error(`the server exited: ${stderr}`)))]);

  // A full round of every command, then into the second round up to the command of this kind,
  // which is sent and killed after 0 to 2 ms: during its transaction, its commit or just after.
  const inFlight = STEPS.length + kind;
  const client = new MongoClient(`mongodb://127.0.0.1:${childPort}/?directConnection=true`, { retryWrites: false, serverSelectionTimeoutMS: 2000 });
  await client.connect();
  const db = client.db('crash');
  for (let n = 0; n < inFlight; n++) await run(db, n);
  const last = run(db, inFlight).then(
    () => 'acknowledged',
    () => 'failed',
  );
  await new Promise((resolve) => setTimeout(resolve, kind % 3));
  child.kill('SIGKILL');
  const outcome = await last;
  expect((await exited).signal).toBe('SIGKILL');
  await client.close(true);

  const [before, after] = await expectedStates(inFlight);
  expect(before).not.toEqual(after);
  const server = await startEmbeddedMongo({ dataDir: dir, port: 0 });
  const reader = await new MongoClient(server.uri).connect();
  try {
    const found = await dump(reader.db('crash'));
    if (outcome === 'acknowledged') expect(found).toEqual(after);
    else expect([before, after]).toContain(found);
    // And the directory keeps working: the next command of the sequence applies.
    await run(reader.db('crash'), found === before ? inFlight : inFlight + 1);
  } finally {
    await reader.close();
    await server.close();
  }
});
