import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from 'bson';
import { DATA_FILE, Environment } from '../storage/environment';
import { syncDirectory } from '../storage/files';
import type { MutationSink, OtherMutation } from '../storage/legacy/codec';
import { legacyFileNames, readLegacyDataDir } from '../storage/legacy/reader';
import type { IndexSpec } from '../storage/types';
import { Engine } from './engine';

/** How a migration goes, as reported to `onMigrationProgress`. */
export interface MigrationProgress {
  /** Reading the old files and writing their documents, building the indexes, or finished. */
  phase: 'documents' | 'indexes' | 'done';
  /** Bytes of the old files read so far, out of all of them. */
  bytesRead: number;
  totalBytes: number;
  /** Documents written so far (a document the old log rewrote counts each time). */
  documents: number;
}

/** Where the old files go once migrated, kept until the owner deletes them. */
export const LEGACY_BACKUP_DIR = 'pre-lmdb-format';
const MIGRATING_FILE = `${DATA_FILE}.migrating`;
// Mutations written per LMDB transaction while migrating.
const BATCH_MUTATIONS = 10_000;
const BATCH_BYTES = 16 * 1024 * 1024;

/**
 * Migrates a data directory of the storage format before LMDB (write-ahead log and snapshots),
 * once, on its first open: the old state is replayed into a new LMDB file under a temporary
 * name, its indexes built, and only once all of it is durable is the file renamed into place.
 * The old files are then moved into `pre-lmdb-format/`. A crash at any point leaves either the
 * old files alone (the temporary file is discarded and the migration starts over) or the
 * finished LMDB file (the old files are moved aside at the next open).
 *
 * The caller holds the directory's lock. Nothing happens in a directory without old files.
 */
export async function migrateLegacyDataDir(dir: string, onProgress: (progress: MigrationProgress) => void = () => undefined): Promise<void> {
  const legacy = legacyFileNames(await readdir(dir));
  if (legacy.length === 0) return;
  if (await exists(path.join(dir, DATA_FILE))) {
    await keepLegacyFiles(dir, legacy);
    return;
  }
  const target = path.join(dir, MIGRATING_FILE);
  await removeEnvironmentFiles(target);
  const engine = new Engine(await Environment.open(target), async () => undefined);
  let migrated = false;
  try {
    const replay = new Replay(engine, onProgress);
    await readLegacyDataDir(dir, replay, (bytesRead, totalBytes) => replay.read(bytesRead, totalBytes));
    replay.flush();
    replay.buildIndexes();
    await engine.close();
    await rename(target, path.join(dir, DATA_FILE));
    migrated = true;
    await rm(`${target}-lock`, { force: true });
    await syncDirectory(dir);
    await keepLegacyFiles(dir, legacy);
    replay.report('done');
  } finally {
    if (!migrated) {
      await engine.close();
      await removeEnvironmentFiles(target);
    }
  }
}

type Step = { op: 'put'; db: string; coll: string; bson: Uint8Array } | OtherMutation;

/**
 * Applies the old format's mutations to the new engine, in batches of one LMDB transaction each,
 * with the old recovery's semantics: every mutation idempotent, the last put of an `_id` wins and
 * keeps the document's place, index declarations apply once every document is in.
 */
class Replay implements MutationSink {
  private steps: Step[] = [];
  private stepBytes = 0;
  private documents = 0;
  private bytesRead = 0;
  /** Where the payload of the record being read starts in the old files, counted as one. */
  private payloadStart = 0;
  private totalBytes = 0;
  /** Indexes to build at the end, by namespace and name (a later declaration wins). */
  private readonly indexes = new Map<string, Map<string, IndexSpec>>();

  constructor(
    private readonly engine: Engine,
    private readonly onProgress: (progress: MigrationProgress) => void,
  ) {}

  put(db: string, coll: string, bytes: Buffer, at: number): void {
    // A record of the log can hold a whole insertMany: progress moves within it too.
    this.bytesRead = this.payloadStart + at;
    const size = bytes.readInt32LE(at);
    this.queue({ op: 'put', db, coll, bson: bytes.subarray(at, at + size) }, size);
  }

  apply(mutation: OtherMutation): void {
    this.queue(mutation, 0);
  }

  read(bytesRead: number, totalBytes: number): void {
    this.payloadStart = this.bytesRead = bytesRead;
    this.totalBytes = totalBytes;
  }

  flush(): void {
    const steps = this.steps;
    this.steps = [];
    this.stepBytes = 0;
    this.engine.env.write(() => {
      for (const step of steps) this.step(step);
    });
    this.report('documents');
  }

  buildIndexes(): void {
    for (const [namespace, specs] of this.indexes) {
      const [db, name] = splitNamespace(namespace);
      const collection = this.engine.collection(db, name);
      if (!collection) continue;
      this.engine.env.write(() => {
        for (const spec of specs.values()) collection.createIndex(spec);
      });
      this.report('indexes');
    }
  }

  report(phase: MigrationProgress['phase']): void {
    this.onProgress({ phase, bytesRead: this.bytesRead, totalBytes: this.totalBytes, documents: this.documents });
  }

  private queue(step: Step, bytes: number): void {
    this.steps.push(step);
    this.stepBytes += bytes;
    if (this.steps.length >= BATCH_MUTATIONS || this.stepBytes >= BATCH_BYTES) this.flush();
  }

  private step(step: Step): void {
    const { engine } = this;
    switch (step.op) {
      case 'put':
        engine.ensureCollection(step.db, step.coll).restore(step.bson);
        this.documents += 1;
        return;
      case 'delete': {
        const collection = engine.collection(step.db, step.coll);
        const record = collection?.byId(step.id);
        if (record) collection?.remove(record);
        return;
      }
      case 'createCollection': {
        const collection = engine.ensureCollection(step.db, step.coll);
        if (step.options && Object.keys(step.options).length > 0) collection.setOptions(step.options as Document);
        return;
      }
      case 'dropCollection':
        engine.dropCollection(step.db, step.coll);
        this.indexes.delete(`${step.db}.${step.coll}`);
        return;
      case 'dropDatabase':
        engine.dropDatabase(step.db);
        for (const namespace of this.indexes.keys()) if (splitNamespace(namespace)[0] === step.db) this.indexes.delete(namespace);
        return;
      case 'createIndex': {
        engine.ensureCollection(step.db, step.coll);
        const namespace = `${step.db}.${step.coll}`;
        const specs = this.indexes.get(namespace) ?? new Map<string, IndexSpec>();
        specs.set(step.spec.name, step.spec);
        this.indexes.set(namespace, specs);
        return;
      }
      case 'dropIndex':
        this.indexes.get(`${step.db}.${step.coll}`)?.delete(step.name);
        return;
      default:
        throw new Error(`unknown mutation ${JSON.stringify((step as { op: unknown }).op)}`);
    }
  }
}

function splitNamespace(namespace: string): [string, string] {
  const dot = namespace.indexOf('.');
  return [namespace.slice(0, dot), namespace.slice(dot + 1)];
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function removeEnvironmentFiles(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}-lock`, { force: true });
}

/** Moves the migrated files into `pre-lmdb-format/`, out of the way of later opens. */
async function keepLegacyFiles(dir: string, names: readonly string[]): Promise<void> {
  const backup = path.join(dir, LEGACY_BACKUP_DIR);
  await mkdir(backup, { recursive: true });
  for (const name of names) await rename(path.join(dir, name), path.join(backup, name));
  await syncDirectory(backup);
  await syncDirectory(dir);
}
