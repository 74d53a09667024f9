import fs from 'node:fs/promises';
import path from 'node:path';
import { COLLECTIONS, DATABASES } from '../../src/contract/documents';
import { databasesOn } from '../../src/db';
import { useEmptyDatabases } from '../support/empty-databases';
import { importDirectory, listQuarantine } from '../../src/import';
import { createSuppressionCheck, suppressionHashes } from '../../src/privacy';

/*
 * Export files written to break the importer. Whatever a file holds, the import goes on to the
 * end: each hostile row is quarantined with a reason (or stored exactly as written), and the
 * valid rows around it, in the same batch, are stored. docs/SECURITY.md, "Import safety", lists
 * these cases.
 */

const fixture = useEmptyDatabases('omnidex-hostile-import-');

const contact = (contactId: string, more: Record<string, unknown> = {}) =>
  JSON.stringify({ contactId, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-02T00:00:00Z', ...more });
const MEMBERS_HEADER = 'loyaltyId,firstName,lastName,email,phone,postalCode,country,enrolledAt,updatedAt';
const member = (loyaltyId: string, lastName = 'Lee') => `${loyaltyId},Ann,${lastName},,,,GB,2024-01-01T00:00:00,2024-01-02T00:00:00`;
const EIGHTEEN_MB = 18 * 1024 * 1024;

interface HostileFile {
  name: string;
  file: 'crm/contacts.jsonl' | 'pos/members.csv';
  /** The file's content; the valid rows `GOOD-1` and `GOOD-2` surround the hostile one (line 2). */
  hostile: string | Buffer;
  /** The quarantine's reason for line 2, or undefined when the row is stored. */
  reason?: RegExp;
  /** What the stored row looks like, when it is stored. */
  stored?: Record<string, unknown>;
}

const CASES: HostileFile[] = [
  {
    name: 'an 18 MB line',
    file: 'crm/contacts.jsonl',
    hostile: contact('HUGE', { note: 'x'.repeat(EIGHTEEN_MB) }),
    reason: /^row too long: 18874\d\d\d bytes, more than the 1048576 a row may have \(OMNIDEX_MAX_ROW_KB\)$/,
  },
  {
    name: 'an 18 MB quoted CSV cell over many lines',
    file: 'pos/members.csv',
    hostile: `L-HUGE,"${`${'x'.repeat(EIGHTEEN_MB / 20)}\n`.repeat(20)}",Lee,,,,GB,2024-01-01T00:00:00,2024-01-02T00:00:00`,
    reason: /^row too long: 18874\d\d\d bytes/,
  },
  {
    name: 'Latin-1 text (not UTF-8)',
    file: 'crm/contacts.jsonl',
    hostile: Buffer.from(contact('LATIN1', { lastName: 'M\u00fcller' }), 'latin1'),
    reason: /^not valid UTF-8/,
  },
  { name: 'a key given twice', file: 'crm/contacts.jsonl', hostile: `${contact('TWICE').slice(0, -1)},"email":"a@x.com","email":"b@x.com"}`, reason: /^email: given twice/ },
  { name: 'a __proto__ key', file: 'crm/contacts.jsonl', hostile: `${contact('PROTO').slice(0, -1)},"__proto__":{"isAdmin":true}}`, reason: /^__proto__: a field may not be named/ },
  { name: 'an escaped lone surrogate', file: 'crm/contacts.jsonl', hostile: `${contact('SURROGATE').slice(0, -1)},"lastName":"\\ud800"}`, reason: /^lastName: not valid Unicode/ },
  { name: 'nesting 100 000 levels deep', file: 'crm/contacts.jsonl', hostile: `${contact('DEEP').slice(0, -1)},"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, reason: /nested more than 32 levels deep$/ },
  { name: 'a 2 000-character id', file: 'crm/contacts.jsonl', hostile: contact('C'.repeat(2000)), reason: /^contactId: is 2000 bytes long \(UTF-8\); an id may have at most 256$/ },
  { name: 'a control character in an id', file: 'pos/members.csv', hostile: member('L-\u0007'), reason: /^loyaltyId: must not contain control characters$/ },
  {
    name: 'fields named like Object.prototype',
    file: 'crm/contacts.jsonl',
    hostile: contact('OBJECT', { constructor: 'c', toString: 't', hasOwnProperty: 'h' }),
    stored: { _id: 'OBJECT', extra: { constructor: 'c', toString: 't', hasOwnProperty: 'h' } },
  },
  {
    name: 'operator-like and dotted unknown fields',
    file: 'crm/contacts.jsonl',
    hostile: contact('OPERATORS', { $where: 'sleep(1000)', 'a.b': 1, '': 'empty', nested: { $gt: '' } }),
    stored: { _id: 'OPERATORS', extra: { $where: 'sleep(1000)', 'a.b': 1, '': 'empty', nested: { $gt: '' } } },
  },
];

function contentOf({ file, hostile }: HostileFile): Buffer {
  const [first, last] = file.endsWith('.csv') ? [`${MEMBERS_HEADER}\n${member('GOOD-1')}`, member('GOOD-2')] : [contact('GOOD-1'), contact('GOOD-2')];
  return Buffer.concat([Buffer.from(`${first}\n`), Buffer.from(hostile), Buffer.from(`\n${last}\n`)]);
}

describe('a hostile row among valid ones', () => {
  it.each(CASES)('$name: the import goes on and stores the valid rows', async (hostileCase) => {
    const dir = path.join(fixture.tmp, hostileCase.name.replace(/\W+/g, '-'));
    await fs.mkdir(path.join(dir, path.dirname(hostileCase.file)), { recursive: true });
    await fs.writeFile(path.join(dir, hostileCase.file), contentOf(hostileCase));

    const report = await importDirectory(databasesOn(fixture.client), dir);
    const [fileReport] = report.files;
    expect({ failed: report.failed, read: fileReport?.read }).toEqual({ failed: false, read: 3 });

    const [channel, name] = hostileCase.file === 'pos/members.csv' ? (['pos', COLLECTIONS.pos.members] as const) : (['crm', COLLECTIONS.crm.contacts] as const);
    const stored = await fixture.client.db(DATABASES[channel]).collection(name).find({}, { projection: { _id: 1, extra: 1 } }).sort({ _id: 1 }).toArray();
    const quarantined = await listQuarantine(databasesOn(fixture.client), { limit: 10 });
    const line = hostileCase.file.endsWith('.csv') ? 3 : 2;
    if (hostileCase.reason) {
      expect(stored.map((doc) => doc._id)).toEqual(['GOOD-1', 'GOOD-2']);
      expect(quarantined).toEqual([expect.objectContaining({ file: hostileCase.file, line, reason: expect.stringMatching(hostileCase.reason) })]);
      // A row too long to keep leaves its first KiB and its size.
      if (/too long/.test(quarantined[0]!.reason)) expect({ raw: quarantined[0]!.raw.length <= 1024, rawBytes: quarantined[0]!.rawBytes! > EIGHTEEN_MB }).toEqual({ raw: true, rawBytes: true });
    } else {
      expect(quarantined).toEqual([]);
      expect(stored).toEqual(expect.arrayContaining([{ _id: 'GOOD-1' }, { _id: 'GOOD-2' }, hostileCase.stored]));
    }
  });
});

describe('a forgotten customer’s identifiers, disguised', () => {
  it('are suppressed under an unknown field, behind invisible characters, in JSON and CSV', async () => {
    const secret = 'hostile-import-secret-0123456789abcdef';
    const suppression = createSuppressionCheck(
      secret,
      suppressionHashes(secret, [
        { type: 'email', value: 'ana.lima@example.net' },
        { type: 'phone', value: '+442079460958' },
      ]),
    );
    const dir = path.join(fixture.tmp, 'disguised');
    await fs.mkdir(path.join(dir, 'crm'), { recursive: true });
    await fs.mkdir(path.join(dir, 'pos'), { recursive: true });
    await fs.writeFile(
      path.join(dir, 'crm/contacts.jsonl'),
      [contact('GOOD-1'), contact('ALT', { altEmail: 'Ana.Lima@example.net' }), contact('ZWSP', { email: 'ana.lima@example.net\u200b' }), contact('GOOD-2')].join('\n'),
    );
    await fs.writeFile(path.join(dir, 'pos/members.csv'), [`${MEMBERS_HEADER},altPhone`, `${member('L-GOOD')},`, `${member('L-ALT')},020 7946 0958`].join('\n'));

    const report = await importDirectory(databasesOn(fixture.client), dir, { suppression });
    expect(report.files.map((f) => [f.file, f.inserted, f.suppressed])).toEqual([
      ['crm/contacts.jsonl', 2, 2],
      ['pos/members.csv', 1, 1],
    ]);
    expect(await fixture.client.db(DATABASES.crm).collection(COLLECTIONS.crm.contacts).distinct('_id')).toEqual(['GOOD-1', 'GOOD-2']);
    expect(await fixture.client.db(DATABASES.pos).collection(COLLECTIONS.pos.members).distinct('_id')).toEqual(['L-GOOD']);
  });
});
