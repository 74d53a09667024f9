import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo, type EmbeddedMongo } from '@omnidex/embedded-mongo';
import { DATABASES } from '../../src/contract/documents';

export interface EmptyDatabases {
  client: MongoClient;
  /** A temporary directory for the files the tests write. */
  tmp: string;
}

/**
 * For the tests of one file: an embedded database in memory, every database dropped before each
 * test, and a temporary directory; both go after the last test. Read the fields inside tests.
 */
export function useEmptyDatabases(prefix: string): EmptyDatabases {
  const fixture = {} as EmptyDatabases;
  let server: EmbeddedMongo | undefined;
  beforeAll(async () => {
    server = await startEmbeddedMongo();
    fixture.client = await MongoClient.connect(server.uri);
    fixture.tmp = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterAll(async () => {
    await fixture.client?.close();
    await server?.close();
    if (fixture.tmp) await fs.rm(fixture.tmp, { recursive: true, force: true });
  });
  beforeEach(async () => {
    for (const db of Object.values(DATABASES)) await fixture.client.db(db).dropDatabase();
  });
  return fixture;
}
