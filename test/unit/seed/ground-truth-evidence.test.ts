import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EvidenceCollector, nameEvidence } from '../../../src/seed/evidence';
import { generateSeed, type GroundTruthRecord } from '../../../src/seed';

describe('EvidenceCollector', () => {
  it('groups a person\'s records through shared evidence, one group per chain', () => {
    const evidence = new EvidenceCollector();
    const contact = evidence.add('P1', ['email:ann@x.org', 'phone:+441']);
    const receipt = evidence.add('P1', ['cardToken:t1']);
    const otherReceipt = evidence.add('P1', ['cardToken:t1']);
    const member = evidence.add('P1', ['phone:+441']);
    const cash = evidence.add('P1');
    expect(evidence.groups()).toEqual([
      { evidenceGroup: 'P1/1', linkable: true },
      { evidenceGroup: 'P1/2', linkable: true },
      { evidenceGroup: 'P1/2', linkable: true },
      { evidenceGroup: 'P1/1', linkable: true },
      { evidenceGroup: 'P1/3', linkable: false },
    ]);
    expect([contact, receipt, otherReceipt, member, cash]).toEqual([0, 1, 2, 3, 4]);
  });

  it('takes keys added after the record (a visitor\'s later logins)', () => {
    const evidence = new EvidenceCollector();
    const visitor = evidence.add('P1');
    evidence.add('P1', ['webUserId:u1']);
    evidence.addKeys(visitor, ['webUserId:u1']);
    expect(evidence.groups().map((g) => g.evidenceGroup)).toEqual(['P1/1', 'P1/1']);
  });

  it('ignores evidence that two people hold (a family email)', () => {
    const evidence = new EvidenceCollector();
    evidence.add('P1', ['email:family@x.org', 'phone:+441']);
    evidence.add('P1', ['email:family@x.org']); // a visitor known only by the family email
    evidence.add('P2', ['email:family@x.org']);
    evidence.add('P1', ['phone:+441']);
    expect(evidence.groups()).toEqual([
      { evidenceGroup: 'P1/1', linkable: true },
      { evidenceGroup: 'P1/2', linkable: false },
      { evidenceGroup: 'P2/1', linkable: false },
      { evidenceGroup: 'P1/1', linkable: true },
    ]);
  });
});

describe('nameEvidence', () => {
  it('needs a full name and pairs it with the birth date and the postal code, case- and space-insensitively', () => {
    expect(nameEvidence({ firstName: 'Ann', birthDate: '1990-01-02' })).toEqual([]);
    expect(nameEvidence({ firstName: ' Ann ', lastName: 'van  Dijk', birthDate: '1990-01-02', postalCode: '1234 ab' })).toEqual([
      'name:ann|van dijk|born:1990-01-02',
      'name:ann|van dijk|postal:1234AB',
    ]);
    expect(nameEvidence({ firstName: 'ANN', lastName: 'Van Dijk', postalCode: '1234AB' })).toEqual(['name:ann|van dijk|postal:1234AB']);
  });
});

describe('ground-truth.jsonl evidence groups', () => {
  let dir: string;
  let truth: GroundTruthRecord[];
  let transactions: Map<string, { loyaltyId: string; cardToken: string; receiptEmail: string }>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'omnidex-evidence-'));
    await generateSeed({ customers: 300, seed: 5, until: new Date('2026-11-01T00:00:00Z'), outDir: dir });
    truth = (await readFile(path.join(dir, 'ground-truth.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as GroundTruthRecord);
    const [header, ...rows] = (await readFile(path.join(dir, 'pos/transactions.csv'), 'utf8')).trim().split('\n');
    const columns = header!.split(',');
    transactions = new Map();
    for (const row of rows) {
      const cells = Object.fromEntries(row.split(',').map((cell, i) => [columns[i], cell]));
      transactions.set(cells.transactionId!, cells as never);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every group within one person and marks a record linkable exactly when its group has another record', () => {
    const byGroup = new Map<string, GroundTruthRecord[]>();
    for (const t of truth) byGroup.set(t.evidenceGroup, [...(byGroup.get(t.evidenceGroup) ?? []), t]);
    for (const [group, members] of byGroup) {
      expect(new Set(members.map((m) => m.personId))).toEqual(new Set([group.split('/')[0]]));
      for (const m of members) expect(m.linkable).toBe(members.length > 1);
    }
    // The data set has both kinds, in numbers worth measuring.
    const linkable = truth.filter((t) => t.linkable).length;
    expect(linkable).toBeGreaterThan(truth.length / 2);
    expect(truth.length - linkable).toBeGreaterThan(truth.length / 20);
  });

  it('never makes a receipt with no loyalty card, payment card or email linkable', () => {
    const cash = truth.filter((t) => {
      if (t.kind !== 'transaction') return false;
      const row = transactions.get(t.id)!;
      return !row.loyaltyId && !row.cardToken && !row.receiptEmail;
    });
    expect(cash.length).toBeGreaterThan(0);
    expect(cash.filter((t) => t.linkable)).toEqual([]);
  });
});
