import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readCsvRecords, readLines, type CsvRecord } from '../../../src/import/readers';

// How the importer splits contract CSV files into records: quoted cells may span lines, and a
// malformed record costs only its own line.
async function records(text: string): Promise<CsvRecord[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omnidex-csv-'));
  const file = path.join(dir, 'x.csv');
  await fs.writeFile(file, text);
  const handle = await fs.open(file, 'r');
  try {
    const out: CsvRecord[] = [];
    for await (const record of readCsvRecords(readLines(handle))) out.push(record);
    return out;
  } finally {
    await handle.close();
    await fs.rm(dir, { recursive: true });
  }
}

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
});
