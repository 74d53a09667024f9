import { parse as parseCsv } from 'csv-parse/sync';
import type { FileHandle } from 'node:fs/promises';

export interface SourceLine {
  /** 1-based physical line number in the file. */
  line: number;
  text: string;
}

/**
 * Streams a file's lines (LF or CRLF) without holding the file in memory: chunks are pulled one at a
 * time, so a slow consumer (the database) holds the reading back. `progress` gets the bytes read.
 */
export async function* readLines(handle: FileHandle, progress?: (bytesRead: number) => void): AsyncGenerator<SourceLine> {
  const stream = handle.createReadStream({ encoding: 'utf8', highWaterMark: 1 << 20, autoClose: false });
  let line = 0;
  let rest = '';
  const emit = (text: string): SourceLine => {
    line += 1;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
  };
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) yield emit(part);
      progress?.(stream.bytesRead);
    }
    if (rest !== '') yield emit(rest);
  } finally {
    stream.destroy();
  }
}

export type CsvRecord = { line: number; raw: string; cells: string[] } | { line: number; raw: string; error: string };

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

/**
 * Groups lines into CSV records (RFC 4180: quoted cells may span lines) and splits them into cells.
 *
 * Records are parsed one at a time rather than by one csv-parse stream because a stream parser
 * cannot resume after a malformed quote: it would swallow the rest of the file. Here a bad record
 * costs only its own first line, which is reported with the parser's reason; the lines after it are
 * read again as records of their own. Lines without quotes (nearly all of them) are split directly.
 */
export async function* readCsvRecords(lines: AsyncIterable<SourceLine>): AsyncGenerator<CsvRecord> {
  const iterator = lines[Symbol.asyncIterator]();
  const pushedBack: SourceLine[] = [];
  const next = async (): Promise<SourceLine | undefined> => {
    const again = pushedBack.shift();
    if (again) return again;
    const result = await iterator.next();
    return result.done ? undefined : result.value;
  };

  for (let first = await next(); first; first = await next()) {
    if (first.text.trim() === '') continue;
    const quotes = countQuotes(first.text);
    if (quotes === 0) {
      yield { line: first.line, raw: first.text, cells: first.text.split(',') };
      continue;
    }
    const group = [first];
    let balanced = quotes % 2 === 0;
    while (!balanced && group.length < MAX_RECORD_LINES) {
      const more = await next();
      if (!more) break;
      group.push(more);
      balanced = group.reduce((sum, l) => sum + countQuotes(l.text), 0) % 2 === 0;
    }
    const raw = group.map((l) => l.text).join('\n');
    const cells = balanced ? parseOneRecord(raw) : 'not valid CSV: a quoted cell is never closed';
    if (typeof cells !== 'string') {
      yield { line: first.line, raw, cells };
      continue;
    }
    const alone = group.length > 1 ? parseOneRecord(first.text) : cells;
    yield { line: first.line, raw: first.text, error: typeof alone === 'string' ? alone : cells };
    pushedBack.unshift(...group.slice(1));
  }
}
