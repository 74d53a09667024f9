import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  bandOf,
  DEFAULT_INDEX_CONFIG,
  IndexConfigError,
  loadIndexConfig,
  parseIndexConfig,
} from '../../../src/insights/config';

describe('index configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'omnidex-index-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, content: unknown): string {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  it('has the defaults of the design', () => {
    expect(DEFAULT_INDEX_CONFIG).toEqual({
      windowDays: 365,
      channels: ['crm', 'web', 'pos'],
      componentWeights: { accessibility: 1, consistency: 1, experience: 1 },
      channelWeights: { crm: 1, web: 1, pos: 1 },
      sourcePriority: ['crm', 'pos', 'web'],
      bands: { exemplary: 80, moderate: 60 },
    });
    expect(parseIndexConfig({})).toEqual(DEFAULT_INDEX_CONFIG);
  });

  it('returns the defaults when no path is given and the default file is absent', () => {
    expect(loadIndexConfig({ cwd: dir })).toEqual(DEFAULT_INDEX_CONFIG);
  });

  it('reads omnidex.index.json from the working directory when present', () => {
    write('omnidex.index.json', { windowDays: 90 });
    expect(loadIndexConfig({ cwd: dir }).windowDays).toBe(90);
  });

  it('merges a partial file over the defaults, nested objects included', () => {
    const file = write('custom.json', {
      $schema: './omnidex.index.schema.json',
      componentWeights: { experience: 2 },
      bands: { moderate: 50 },
      sourcePriority: ['pos', 'crm', 'web'],
    });
    expect(loadIndexConfig({ path: file })).toEqual({
      ...DEFAULT_INDEX_CONFIG,
      componentWeights: { accessibility: 1, consistency: 1, experience: 2 },
      bands: { exemplary: 80, moderate: 50 },
      sourcePriority: ['pos', 'crm', 'web'],
    });
  });

  it('fails naming the file when an explicit path does not exist', () => {
    const missing = path.join(dir, 'nope.json');
    expect(() => loadIndexConfig({ path: missing })).toThrow(IndexConfigError);
    expect(() => loadIndexConfig({ path: missing })).toThrow(`cannot read index configuration ${missing}`);
  });

  it('fails on a file that is not JSON', () => {
    const file = write('broken.json', '{ "windowDays": ');
    expect(() => loadIndexConfig({ path: file })).toThrow(`${file} is not valid JSON`);
  });

  it('fails on a JSON value that is not an object', () => {
    const file = write('list.json', [1, 2]);
    expect(() => loadIndexConfig({ path: file })).toThrow(/\(top level\): expected a JSON object/);
  });

  it.each([
    [{ windowDays: 0 }, /windowDays: must be a positive number of days/],
    [{ windowDays: 30.5 }, /windowDays: must be a whole number of days/],
    [{ windowDays: '365' }, /windowDays: Invalid input: expected number/],
    [{ windowDay: 365 }, /windowDay: unknown field/],
    [{ componentWeights: { experiance: 1 } }, /componentWeights\.experiance: unknown field/],
    [{ componentWeights: { accessibility: -1 } }, /componentWeights\.accessibility: must be a number ≥ 0/],
    [
      { componentWeights: { accessibility: 0, consistency: 0, experience: 0 } },
      /componentWeights: at least one component weight must be > 0/,
    ],
    [{ channelWeights: { crm: 0, web: 0, pos: 0 } }, /channelWeights: at least one scored channel/],
    [{ channels: ['crm'], channelWeights: { crm: 0 } }, /channelWeights: at least one scored channel \(crm\)/],
    [{ channels: [] }, /channels: must name at least one channel/],
    [{ channels: ['crm', 'crm'] }, /channels: must not repeat a channel/],
    [{ channels: ['crm', 'email'] }, /channels\.1: Invalid option/],
    [{ sourcePriority: ['crm', 'pos'] }, /sourcePriority: must list each of crm, web, pos exactly once/],
    [{ sourcePriority: ['crm', 'pos', 'pos'] }, /sourcePriority: must list each of crm, web, pos exactly once/],
    [{ bands: { exemplary: 120 } }, /bands\.exemplary: must be between 0 and 100/],
    [{ bands: { exemplary: 50, moderate: 60 } }, /bands\.moderate: moderate must not be above exemplary/],
  ])('rejects %j naming the field', (content, message) => {
    const file = write('bad.json', content);
    expect(() => loadIndexConfig({ path: file })).toThrow(IndexConfigError);
    expect(() => loadIndexConfig({ path: file })).toThrow(message);
    expect(() => loadIndexConfig({ path: file })).toThrow(`${file} is not valid`);
  });

  it('puts scores in bands by their lower bounds, inclusive', () => {
    expect(bandOf(100, DEFAULT_INDEX_CONFIG)).toBe('EXEMPLARY');
    expect(bandOf(80, DEFAULT_INDEX_CONFIG)).toBe('EXEMPLARY');
    expect(bandOf(79.999999, DEFAULT_INDEX_CONFIG)).toBe('MODERATE');
    expect(bandOf(60, DEFAULT_INDEX_CONFIG)).toBe('MODERATE');
    expect(bandOf(59.999999, DEFAULT_INDEX_CONFIG)).toBe('POOR');
    expect(bandOf(0, DEFAULT_INDEX_CONFIG)).toBe('POOR');
  });
});
