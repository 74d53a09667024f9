import { isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import { parse as parseCsv } from 'csv-parse/sync';

/** A line the importer cannot use as it is; `text` then holds what a person needs to find it. */
export interface RejectedText {
  reason: string;
  /** The whole row's size in bytes. */
  bytes: number;
  /** Whether `text` is only the row's first bytes (`EXCERPT_BYTES`). */
  truncated: boolean;
}

export interface SourceLine {
  /** 1-based physical line number in the file. */
  line: number;
  text: string;
  rejected?: RejectedText;
}

export interface ReadLinesOptions {
  /** Longest row accepted, in bytes (OMNIDEX_MAX_ROW_KB); a longer one is rejected, never held whole. */
  maxRowBytes: number;
  /** Called with the bytes read so far, after each chunk. */
  progress?: (bytesRead: number) => void;
  /** Bytes read at a time (tests use small ones to cut characters and lines at chunk edges). */
  chunkBytes?: number;
}

export function tooLongReason(bytes: number, maxRowBytes: number): string {
  return `row too long: ${bytes} bytes, more than the ${maxRowBytes} a row may have (OMNIDEX_MAX_ROW_KB)`;
}

/** How much of a rejected row is kept for the quarantine. */
export const EXCERPT_BYTES = 1024;

const NEWLINE = 0x0a;

/** The first `EXCERPT_BYTES` of `bytes`, cut before a character it would split, decoded leniently. */
function excerptOf(bytes: Buffer): string {
  let end = Math.min(bytes.length, EXCERPT_BYTES);
  if (end < bytes.length) while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  return bytes.toString('utf8', 0, end);
}

/** A line's text without its CR (CRLF files) or, on the first line, a byte-order mark. */
function lineText(text: string, line: number): string {
  if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/**
 * Streams a file's lines (LF or CRLF) without holding the file in memory: chunks are pulled one at a
 * time, so a slow consumer (the database) holds the reading back.
 *
 * Every line is strict UTF-8 and at most `maxRowBytes` long, or it comes with `rejected` (and an
 * excerpt): a byte sequence that is not UTF-8 is never turned into U+FFFD and stored, and a line
 * longer than the limit is counted and skipped, keeping only its first bytes, however long it is.
 * The UTF-8 check runs on each chunk's complete lines at once; only a chunk that fails it is
 * checked line by line, to find the lines at fault.
 */
export async function* readLines(handle: FileHandle, options: ReadLinesOptions): AsyncGenerator<SourceLine> {
  const { maxRowBytes } = options;
  const stream = handle.createReadStream({ highWaterMark: options.chunkBytes ?? 1 << 20, autoClose: false });
  let line = 0;
  // The line being read, when it started in an earlier chunk: its pieces, or once it is too long only
  // its excerpt and size.
  let partial: Buffer[] = [];
  let partialBytes = 0;
  let tooLong: { excerpt: string; bytes: number } | undefined;

  const completeLine = (bytes: Buffer): SourceLine => {
    line += 1;
    if (bytes.length > maxRowBytes) return rejectTooLong(excerptOf(bytes), bytes.length);
    if (!isUtf8(bytes)) return rejectNotUtf8(bytes);
    return { line, text: lineText(bytes.toString('utf8'), line) };
  };
  const rejectTooLong = (excerpt: string, bytes: number): SourceLine => ({
    line,
    text: excerpt,
    rejected: { reason: tooLongReason(bytes, maxRowBytes), bytes, truncated: true },
  });
  const rejectNotUtf8 = (bytes: Buffer): SourceLine => ({
    line,
    text: lineText(bytes.toString('utf8'), line),
    rejected: { reason: 'not valid UTF-8: export the file as UTF-8 (bytes that are not show as U+FFFD)', bytes: bytes.length, truncated: false },
  });
  /** The line that ends at `end` of `chunk`, begun in earlier chunks. */
  const finishPartial = (chunk: Buffer, end: number): SourceLine => {
    const bytes = partialBytes + end;
    let done: SourceLine;
    if (tooLong) {
      line += 1;
      done = rejectTooLong(tooLong.excerpt, bytes);
    } else {
      done = completeLine(Buffer.concat([...partial, chunk.subarray(0, end)]));
    }
    partial = [];
    partialBytes = 0;
    tooLong = undefined;
    return done;
  };
  /** Lines of `block` (whole lines, no trailing newline), validated together when they can be. */
  function* wholeLines(block: Buffer): Generator<SourceLine> {
    if (isUtf8(block)) {
      for (const text of block.toString('utf8').split('\n')) {
        line += 1;
        // Most rows are far below the limit: only those that might not be are measured.
        const bytes = text.length * 3 > maxRowBytes ? Buffer.byteLength(text) : 0;
        yield bytes > maxRowBytes ? rejectTooLong(excerptOf(Buffer.from(text)), bytes) : { line, text: lineText(text, line) };
      }
      return;
    }
    for (let start = 0; start <= block.length; ) {
      const end = block.indexOf(NEWLINE, start);
      const stop = end === -1 ? block.length : end;
      yield completeLine(block.subarray(start, stop));
      start = stop + 1;
    }
  }

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const first = chunk.indexOf(NEWLINE);
      if (first === -1) {
        // No line ends in this chunk: it all belongs to the line being read.
        partialBytes += chunk.length;
        if (tooLong) tooLong.bytes = partialBytes;
        else if (partialBytes > maxRowBytes) tooLong = { excerpt: excerptOf(Buffer.concat([...partial, chunk])), bytes: partialBytes };
        else partial.push(chunk);
        if (tooLong) partial = [];
      } else {
        let from = 0;
        if (partialBytes > 0 || tooLong) {
          yield finishPartial(chunk, first);
          from = first + 1;
        }
        const last = chunk.lastIndexOf(NEWLINE);
        if (last >= from) yield* wholeLines(chunk.subarray(from, last));
        const rest = chunk.subarray(last + 1);
        if (rest.length > maxRowBytes) tooLong = { excerpt: excerptOf(rest), bytes: rest.length };
        else if (rest.length > 0) partial = [rest];
        partialBytes = rest.length;
      }
      options.progress?.(stream.bytesRead);
    }
    if (partialBytes > 0 || tooLong) yield finishPartial(Buffer.alloc(0), 0);
  } finally {
    stream.destroy();
  }
}

export type CsvRecord =
  | { line: number; raw: string; cells: string[] }
  /** `rawBytes`: the record's size, when `raw` is only its first bytes. */
  | { line: number; raw: string; error: string; rawBytes?: number };

/** How many physical lines one quoted CSV record may span before its opening quote is judged unclosed. */
const MAX_RECORD_LINES = 50;

function countQuotes(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count += 1;
  return count;
}

function parseOneRecord(raw: string): string[] | string {
  try {
    const records = parseCsv(raw, { relax_column_count: true }) as string[][];
    if (records.length !== 1 || !records[0]) return `not valid CSV: expected one record, found ${records.length}`;
    return records[0];
  } catch (error) {
    return `not valid CSV: ${(error as Error).message}`;
  }
}

/** A rejected line as a record, keeping its size when only an excerpt of it is kept. */
function rejectedRecord(line: SourceLine, rejected: RejectedText): CsvRecord {
  return { line: line.line, raw: line.text, error: rejected.reason, ...(rejected.truncated ? { rawBytes: rejected.bytes } : {}) };
}

/**
 * Groups lines into CSV records (RFC 4180: quoted cells may span lines) and splits them into cells.
 *
 * Records are parsed one at a time rather than by one csv-parse stream because a stream parser
 * cannot resume after a malformed quote: it would swallow the rest of the file. Here a bad record
 * costs only its own first line, which is reported with the parser's reason; the lines after it are
 * read again as records of their own. Lines without quotes (nearly all of them) are split directly.
 * A record whose lines add up to more than `maxRowBytes` is rejected whole (its lines are read to
 * its end, not kept), like a line that long.
 */
export async function* readCsvRecords(lines: AsyncIterable<SourceLine>, maxRowBytes: number): AsyncGenerator<CsvRecord> {
  const iterator = lines[Symbol.asyncIterator]();
  const pushedBack: SourceLine[] = [];
  /** The next line, or undefined at the end; a line rejected by the reader waits for the next call. */
  const next = async (inRecord: boolean): Promise<SourceLine | undefined> => {
    const line = pushedBack.shift() ?? (await iterator.next()).value;
    if (line?.rejected && inRecord) {
      pushedBack.unshift(line);
      return undefined;
    }
    return line;
  };

  for (let first = await next(false); first; first = await next(false)) {
    if (first.rejected) {
      yield rejectedRecord(first, first.rejected);
      continue;
    }
    if (first.text.trim() === '') continue;
    let quotes = countQuotes(first.text);
    if (quotes === 0) {
      yield { line: first.line, raw: first.text, cells: first.text.split(',') };
      continue;
    }
    const group = [first];
    let bytes = Buffer.byteLength(first.text);
    while (quotes % 2 !== 0 && group.length < MAX_RECORD_LINES) {
      const more = await next(true);
      if (!more) break;
      group.push(more);
      bytes += 1 + Buffer.byteLength(more.text);
      quotes += countQuotes(more.text);
      if (bytes > maxRowBytes) break;
    }
    const raw = group.map((l) => l.text).join('\n');
    if (bytes > maxRowBytes) {
      let lines = group.length;
      for (let more: SourceLine | undefined; quotes % 2 !== 0 && lines < MAX_RECORD_LINES && (more = await next(true)); lines += 1) {
        bytes += 1 + Buffer.byteLength(more.text);
        quotes += countQuotes(more.text);
      }
      yield { line: first.line, raw: excerptOf(Buffer.from(raw)), error: tooLongReason(bytes, maxRowBytes), rawBytes: bytes };
      continue;
    }
    const cells = quotes % 2 === 0 ? parseOneRecord(raw) : 'not valid CSV: a quoted cell is never closed';
    if (typeof cells !== 'string') {
      yield { line: first.line, raw, cells };
      continue;
    }
    const alone = group.length > 1 ? parseOneRecord(first.text) : cells;
    yield { line: first.line, raw: first.text, error: typeof alone === 'string' ? alone : cells };
    pushedBack.unshift(...group.slice(1));
  }
}
