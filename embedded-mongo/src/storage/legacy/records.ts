import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { CorruptDataError } from '../errors';

/**
 * Framing shared by the log and snapshot files of the storage format before LMDB, read once to
 * migrate a data directory (FORMAT.md, "Migration", has the picture).
 *
 * A file starts with a 16-byte header: an 8-byte magic naming the kind and format version, then
 * the generation as a 64-bit little-endian integer (it must match the file name, so a file copied
 * under the wrong name is caught). Records follow, each:
 *
 *   u32 payload length | u32 CRC32(payload) | u32 CRC32(the previous 8 bytes) | payload
 *
 * The header checksum lets recovery trust a record's length before reading its payload, which is
 * what separates "the last write was cut short" (truncate it) from "bytes in the middle changed"
 * (refuse to start).
 */
const FILE_HEADER_BYTES = 16;
export const RECORD_HEADER_BYTES = 12;
export const LOG_MAGIC = Buffer.from('OMXWAL01', 'latin1');
export const SNAPSHOT_MAGIC = Buffer.from('OMXSNP01', 'latin1');

/** Far above any batch the wire protocol allows (48 MB messages); a bigger length is damage. */
const MAX_PAYLOAD_BYTES = 1024 * 1024 * 1024;
const READ_CHUNK_BYTES = 8 * 1024 * 1024;

export interface ScanResult {
  /** Offset just past the last intact record: where the next record goes. */
  end: number;
  /** Size of the file as found; `end < fileSize` means a torn tail follows `end`. */
  fileSize: number;
  records: number;
}

/**
 * Reads every intact record of a file in order, handing each payload to `onRecord` (a view of a
 * read buffer that is never reused or changed, so it may be kept). A damaged tail (the last write
 * cut short, or zero-filled by the file system after a power cut) ends the scan and is reported
 * through `end`; anything else that fails a checksum throws a CorruptDataError naming the file and
 * offset.
 */
export async function scanRecords(
  file: string,
  magic: Buffer,
  generation: number,
  onRecord: (payload: Buffer, offset: number) => void,
): Promise<ScanResult> {
  const handle = await open(file, 'r');
  try {
    const fileSize = (await handle.stat()).size;
    const reader = new WindowReader(handle, fileSize);
    if (fileSize < FILE_HEADER_BYTES) throw new CorruptDataError(file, 0, `shorter than its ${FILE_HEADER_BYTES}-byte header`);
    const header = await reader.read(0, FILE_HEADER_BYTES);
    if (!header.subarray(0, 8).equals(magic)) {
      throw new CorruptDataError(file, 0, `does not start with ${magic.toString('latin1')} (not a file of this format or version)`);
    }
    const found = header.readBigUInt64LE(8);
    if (found !== BigInt(generation)) throw new CorruptDataError(file, 8, `holds generation ${found}, its name says ${generation}`);

    let offset = FILE_HEADER_BYTES;
    let records = 0;
    while (offset < fileSize) {
      const remaining = fileSize - offset;
      if (remaining < RECORD_HEADER_BYTES) break; // the last write stopped inside a record header
      const recordHeader = await reader.read(offset, RECORD_HEADER_BYTES);
      const length = recordHeader.readUInt32LE(0);
      const payloadCrc = recordHeader.readUInt32LE(4);
      if (crc32(recordHeader.subarray(0, 8)) !== recordHeader.readUInt32LE(8)) {
        if (await reader.isZeroFrom(offset)) break;
        throw new CorruptDataError(file, offset, 'a record header fails its checksum and data follows it');
      }
      if (length > MAX_PAYLOAD_BYTES) throw new CorruptDataError(file, offset, `a record claims ${length} bytes`);
      if (RECORD_HEADER_BYTES + length > remaining) break; // the last write stopped inside the payload
      const payload = await reader.read(offset + RECORD_HEADER_BYTES, length);
      if (crc32(payload) !== payloadCrc) {
        if (offset + RECORD_HEADER_BYTES + length === fileSize) break; // the last record, damaged
        throw new CorruptDataError(file, offset, 'a record fails its checksum and intact records follow it');
      }
      onRecord(payload, offset);
      records += 1;
      offset += RECORD_HEADER_BYTES + length;
    }
    return { end: offset, fileSize, records };
  } finally {
    await handle.close();
  }
}

/**
 * Sequential reads through a large buffer, so a log of a million small records costs a few
 * hundred read calls rather than two million. Each window is a new buffer, never written again:
 * recovered documents keep views of it (see MutationSink.putStored).
 */
class WindowReader {
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly fileSize: number,
  ) {}

  async read(position: number, length: number): Promise<Buffer> {
    const windowEnd = this.windowStart + this.window.length;
    if (position >= this.windowStart && position + length <= windowEnd) {
      return this.window.subarray(position - this.windowStart, position - this.windowStart + length);
    }
    const size = Math.min(Math.max(length, READ_CHUNK_BYTES), this.fileSize - position);
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await this.handle.read(buffer, filled, size - filled, position + filled);
      if (bytesRead === 0) throw new Error(`unexpected end of file at byte ${position + filled} (the file shrank while being read)`);
      filled += bytesRead;
    }
    this.window = buffer;
    this.windowStart = position;
    return buffer.subarray(0, length);
  }

  async isZeroFrom(position: number): Promise<boolean> {
    for (let at = position; at < this.fileSize; at += READ_CHUNK_BYTES) {
      const chunk = await this.read(at, Math.min(READ_CHUNK_BYTES, this.fileSize - at));
      if (chunk.some((byte) => byte !== 0)) return false;
    }
    return true;
  }
}
