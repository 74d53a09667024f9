import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXCERPT_BYTES, readCsvRecords, readLines, type CsvRecord, type ReadLinesOptions, type SourceLine } from '../../../src/import/readers';

// How the importer reads contract files: lines of strict UTF-8 within a size limit, and CSV
// records whose quoted cells may span lines, where a malformed record costs only its own line.
async function readAll<T>(content: string | Buffer, read: (options: ReadLinesOptions & { handle: fs.FileHandle }) => AsyncIterable<T>, options: Partial<ReadLinesOptions> = {}): Promise<T[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-csv-'));
  const file = path.join(dir, 'x.csv');
  await fs.writeFile(file, content);
  const handle = await fs.open(file, 'r');
  try {
    const out: T[] = [];
    for await (const item of read({ maxRowBytes: 1 << 20, ...options, handle })) out.push(item);
    return out;
  } finally {
    await handle.close();
    await fs.rm(dir, { recursive: true });
  }
}

const records = (text: string | Buffer, options: Partial<ReadLinesOptions> = {}): Promise<CsvRecord[]> =>
  readAll(text, ({ handle, ...o }) => readCsvRecords(readLines(handle, o), o.maxRowBytes), options);
const lines = (content: string | Buffer, options: Partial<ReadLinesOptions> = {}): Promise<SourceLine[]> =>
  readAll(content, ({ handle, ...o }) => readLines(handle, o), options);

describe('readLines', () => {
  const text = '\uFEFFfirst\r\nMüller 中文 😀\n\nlast without newline';

  it('splits LF and CRLF lines, drops a byte-order mark, numbers lines, wherever chunks end', async () => {
    const expected = [
      { line: 1, text: 'first' },
      { line: 2, text: 'Müller 中文 😀' },
      { line: 3, text: '' },
      { line: 4, text: 'last without newline' },
    ];
    for (const chunkBytes of [1, 2, 3, 5, 7, 1 << 20]) expect(await lines(text, { chunkBytes })).toEqual(expected);
  });

  it('rejects a line that is not UTF-8, with its text for a person, and reads the others', async () => {
    const latin1 = Buffer.concat([Buffer.from('ok 1\n'), Buffer.from('M\xfcller\n', 'latin1'), Buffer.from('ok 3\n')]);
    for (const chunkBytes of [4, 1 << 20]) {
      expect(await lines(latin1, { chunkBytes })).toEqual([
        { line: 1, text: 'ok 1' },
        { line: 2, text: 'M\uFFFDller', rejected: { reason: expect.stringMatching(/^not valid UTF-8/), bytes: 6, truncated: false } },
        { line: 3, text: 'ok 3' },
      ]);
    }
  });

  it('rejects a line over the limit with an excerpt and its size, in any chunking, and reads on', async () => {
    const long = 'x'.repeat(5000);
    for (const chunkBytes of [100, 4096, 1 << 20]) {
      for (const ending of ['\n', '']) {
        const found = await lines(`short\n${long}\nafter\n${long}${ending}`, { chunkBytes, maxRowBytes: 4000 });
        const rejected = { text: 'x'.repeat(EXCERPT_BYTES), rejected: { reason: 'row too long: 5000 bytes, more than the 4000 a row may have (OMNIDEX_MAX_ROW_KB)', bytes: 5000, truncated: true } };
        expect(found).toEqual([{ line: 1, text: 'short' }, { line: 2, ...rejected }, { line: 3, text: 'after' }, { line: 4, ...rejected }]);
      }
    }
  });

  it('keeps a line of exactly the limit', async () => {
    expect(await lines('é'.repeat(2000), { maxRowBytes: 4000, chunkBytes: 333 })).toEqual([{ line: 1, text: 'é'.repeat(2000) }]);
  });
});

describe('readCsvRecords', () => {
  it('splits plain and quoted records, with CRLF and a byte-order mark, numbering lines', async () => {
    const out = await records('\uFEFFa,b\r\n1,"x, ""y"""\r\n\r\n2,"multi\nline"\n3,z');
    expect(out).toEqual([
      { line: 1, raw: 'a,b', cells: ['a', 'b'] },
      { line: 2, raw: '1,"x, ""y"""', cells: ['1', 'x, "y"'] },
      { line: 4, raw: '2,"multi\nline"', cells: ['2', 'multi\nline'] },
      { line: 6, raw: '3,z', cells: ['3', 'z'] },
    ]);
  });

  it('reports a malformed quote on its own line and carries on with the next lines', async () => {
    const out = await records('a,b\n1,"x"y\n2,ok\n3,"never closed\n4,fine\n');
    expect(out.map((r) => ('error' in r ? `${r.line}: error` : `${r.line}: ${r.cells.join('|')}`))).toEqual([
      '1: a|b',
      '2: error',
      '3: 2|ok',
      '4: error',
      '5: 4|fine',
    ]);
    const bad = out[1];
    expect(bad && 'error' in bad ? bad.error : '').toMatch(/^not valid CSV: /);
  });

  it('rejects a quoted record longer than the limit as a whole, with an excerpt, and reads on', async () => {
    const cell = 'y'.repeat(1500);
    const out = await records(`a,b\n1,"${cell}\n${cell}\n${cell}"\n2,ok\n3,"${cell}\n${cell}\n${cell}`, { maxRowBytes: 4000 });
    expect(out).toEqual([
      { line: 1, raw: 'a,b', cells: ['a', 'b'] },
      { line: 2, raw: `1,"${cell}\n${cell}`.slice(0, EXCERPT_BYTES), error: expect.stringMatching(/^row too long: 4506 bytes/), rawBytes: 4506 },
      { line: 5, raw: '2,ok', cells: ['2', 'ok'] },
      { line: 6, raw: `3,"${cell}\n${cell}`.slice(0, EXCERPT_BYTES), error: expect.stringMatching(/^row too long: 4505 bytes/), rawBytes: 4505 },
    ]);
  });

  it('ends a quoted record at a line the reader rejected, and reports that line too', async () => {
    const content = Buffer.concat([Buffer.from('a,b\n1,"open\n'), Buffer.from('M\xfcller"\n', 'latin1'), Buffer.from('2,ok\n')]);
    const out = await records(content);
    expect(out.map((r) => ('error' in r ? `${r.line}: ${r.error.split(':')[0]}` : `${r.line}: ${r.cells.join('|')}`))).toEqual([
      '1: a|b',
      '2: not valid CSV',
      '3: not valid UTF-8',
      '4: 2|ok',
    ]);
  });
});
