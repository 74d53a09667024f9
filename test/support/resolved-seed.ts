import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import { databasesOn } from '../../src/db';
import { runResolve } from '../../src/identity/store';
import { importDirectory } from '../../src/import';
import { generateSeed } from '../../src/seed';

export interface ResolvedSeed {
  server: EmbeddedMongo;
  client: MongoClient;
  /** A temporary directory: the seed's export files are in `seed/` inside it. */
  tmp: string;
}

/**
 * For the tests of one file: a seed of `customers` people written as export files, imported and
 * resolved on an embedded database in memory, before the first test; all of it goes after the
 * last. Read the fields inside tests.
 */
export function useResolvedSeed(prefix: string, seed: { customers: number; seed: number; until: Date }): ResolvedSeed {
  const fixture = {} as ResolvedSeed;
  beforeAll(async () => {
    fixture.server = await startEmbeddedMongo();
    fixture.client = await MongoClient.connect(fixture.server.uri);
    fixture.tmp = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
    await generateSeed({ ...seed, outDir: path.join(fixture.tmp, 'seed') });
    await importDirectory(databasesOn(fixture.client), path.join(fixture.tmp, 'seed'));
    await runResolve(databasesOn(fixture.client));
  }, 300_000);
  afterAll(async () => {
    await fixture.client?.close();
    await fixture.server?.close();
    if (fixture.tmp) await fs.rm(fixture.tmp, { recursive: true, force: true });
  });
  return fixture;
}
