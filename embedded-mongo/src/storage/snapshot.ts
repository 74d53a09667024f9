import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { serialize, type DeserializeOptions, type Document } from 'bson';
import { PayloadEncoder, decodePayload, type MutationSink, type OtherMutation } from './codec';
import { CorruptDataError } from './errors';
import { SNAPSHOT_MAGIC, encodeFileHeader, encodeRecord, scanRecords } from './records';
import { TEMP_SUFFIX, snapshotFileName, syncDirectory } from './files';
import type { Mutation } from './types';

/** Snapshot records hold this much BSON each: big enough for few writes, small enough to stream. */
const CHUNK_BYTES = 1024 * 1024;
/** The last record of a snapshot: proof that it is complete. */
const END_OP = '$end';

/**
 * Writes `snapshot-<generation>.bson` from a stream of mutations: under a temporary name, record
 * by record (yielding to the event loop between records), then synced, renamed into place, and
 * the directory synced. Until the rename, recovery ignores it; after, it is complete and durable.
 */
export async function writeSnapshot(
  dir: string,
  generation: number,
  mutations: Iterable<Mutation>,
  beforeRename: () => void = () => undefined,
): Promise<void> {
  const target = path.join(dir, snapshotFileName(generation));
  const temp = `${target}${TEMP_SUFFIX}`;
  const handle = await open(temp, 'w');
  let renamed = false;
  try {
    let position = 0;
    const write = async (bytes: Buffer) => {
      let written = 0;
      while (written < bytes.length) {
        written += (await handle.write(bytes, written, bytes.length - written, position + written)).bytesWritten;
      }
      position += bytes.length;
    };
    await write(encodeFileHeader(SNAPSHOT_MAGIC, generation));
    const encoder = new PayloadEncoder();
    let count = 0;
    for (const mutation of mutations) {
      encoder.add(mutation);
      if (encoder.bytes >= CHUNK_BYTES) {
        count += encoder.mutations;
        await write(encodeRecord(encoder.take()));
      }
    }
    if (encoder.mutations > 0) {
      count += encoder.mutations;
      await write(encodeRecord(encoder.take()));
    }
    await write(encodeRecord([serialize({ op: END_OP, mutations: count })]));
    await handle.sync();
    await handle.close();
    beforeRename();
    await rename(temp, target);
    renamed = true;
    await syncDirectory(dir);
  } finally {
    if (!renamed) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    }
  }
}

/**
 * Reads a snapshot into `onMutation`. A snapshot is complete by construction (it only gets its
 * name once synced), so any damage, or a missing end record, is corruption, not a torn tail.
 */
export async function readSnapshot(
  file: string,
  generation: number,
  options: DeserializeOptions,
  into: MutationSink,
  keepStored = false,
): Promise<number> {
  let count = 0;
  let ended = false;
  let offset = 0;
  const sink: MutationSink = {
    put: (db: string, coll: string, doc: Document) => {
      if (ended) throw new CorruptDataError(file, offset, 'data follows the end record');
      into.put(db, coll, doc);
      count += 1;
    },
    putStored: (db: string, coll: string, bytes: Buffer, at: number) => {
      if (ended) throw new CorruptDataError(file, offset, 'data follows the end record');
      (into.putStored as NonNullable<MutationSink['putStored']>)(db, coll, bytes, at);
      count += 1;
    },
    apply: (mutation: OtherMutation) => {
      if (ended) throw new CorruptDataError(file, offset, 'data follows the end record');
      into.apply(mutation);
      count += 1;
    },
    other: (document: Document) => {
      if (document.op !== END_OP || ended) throw new CorruptDataError(file, offset, `not a mutation: ${JSON.stringify(document).slice(0, 200)}`);
      if (Number(document.mutations) !== count) {
        throw new CorruptDataError(file, offset, `the end record counts ${document.mutations} mutations, the file holds ${count}`);
      }
      ended = true;
    },
  };
  const scan = await scanRecords(file, SNAPSHOT_MAGIC, generation, (payload, at) => {
    offset = at;
    decodePayload(payload, options, { file, offset }, sink, keepStored && into.putStored !== undefined);
  });
  if (scan.end !== scan.fileSize || !ended) {
    throw new CorruptDataError(file, scan.end, 'the snapshot is incomplete (no intact end record)');
  }
  return count;
}
