import type { IdentityRecord } from '../../../src/identity/records';
import { clusterRecords, splitDecision, unlinkDecision, type ClusterResult, type GuardDecision } from '../../../src/identity/resolve';
import { defaultResolveConfig, type ResolveConfig } from '../../../src/identity/resolve-config';
import { contact, member, receipt, reliableModel, visitor } from './builders';

/** Weighs the guard rails as a data set with reliable given names, birth dates and phones would. */
const reliable = { model: reliableModel() };

/** Clusters as sorted lists of record keys, for whole-result comparisons. */
function groups(result: ClusterResult): string[][] {
  return result.clusters.map((c) => c.records);
}

function clusterOf(result: ClusterResult, key: string): string[] {
  const cluster = result.clusters.find((c) => c.records.includes(key));
  if (!cluster) throw new Error(`${key} is in no cluster`);
  return cluster.records;
}

function together(result: ClusterResult, a: string, b: string): boolean {
  return clusterOf(result, a).includes(b);
}

function decisionsOf<R extends GuardDecision['rule']>(result: ClusterResult, rule: R): Extract<GuardDecision, { rule: R }>[] {
  return result.decisions.filter((d): d is Extract<GuardDecision, { rule: R }> => d.rule === rule);
}

function strongOnly(): ResolveConfig {
  const config = defaultResolveConfig();
  config.matching.enabled = false;
  return config;
}

describe('clusterRecords: linking on strong identifiers', () => {
  const records: IdentityRecord[] = [
    contact('C1', { firstName: 'Ann', lastName: 'Lee', email: 'Ann.Lee@Mail.com', loyaltyId: 'L1' }),
    member('L1', { firstName: 'Ann', lastName: 'Lee', phone: '020 7946 0958', country: 'GB' }),
    // Two devices of one account: the second never typed an email, only logged in.
    visitor('V1', { userIds: ['u1'], emails: ['ann.lee@mail.com'] }),
    visitor('V2', { userIds: ['u1'] }),
    receipt('T1', { loyaltyId: 'L1', cardToken: 'tok_1' }),
    // Card only: joins through the card token it shares with T1.
    receipt('T2', { cardToken: 'tok_1' }),
    // Receipt email only, phone of the member via another contact.
    receipt('T3', { receiptEmail: ' ANN.LEE@mail.com' }),
    contact('C2', { phone: '+44 20 7946 0958' }),
    contact('C9', { firstName: 'Bob', lastName: 'Ray', email: 'bob@ray.org' }),
    visitor('V9'), // anonymous, never identified
  ];

  it('joins everything that shares an identifier, transitively', () => {
    const result = clusterRecords(records, strongOnly());
    expect(groups(result)).toEqual([
      [
        'crm:contact:C1',
        'crm:contact:C2',
        'pos:member:L1',
        'pos:transaction:T1',
        'pos:transaction:T2',
        'pos:transaction:T3',
        'web:visitor:V1',
        'web:visitor:V2',
      ],
      ['crm:contact:C9'],
      ['web:visitor:V9'],
    ]);
  });

  it('keeps one link per union, each with its identifier as evidence', () => {
    const result = clusterRecords(records, strongOnly());
    const big = result.clusters[0]!;
    expect(big.links).toHaveLength(big.records.length - 1);
    for (const link of big.links) {
      expect(link.evidence.rule).toBe('identifier');
    }
    expect(big.links).toContainEqual({
      a: 'pos:transaction:T1',
      b: 'pos:transaction:T2',
      evidence: { rule: 'identifier', identifier: { type: 'cardToken', value: 'tok_1' } },
    });
    expect(result.decisions).toEqual([]);
  });

  it('gives the same result whatever order the records come in', () => {
    const shuffled = [...records].reverse();
    shuffled.push(shuffled.shift()!);
    expect(clusterRecords(shuffled, strongOnly())).toEqual(clusterRecords(records, strongOnly()));
  });

  it('refuses a record given twice', () => {
    expect(() => clusterRecords([contact('C1'), contact('C1')], strongOnly())).toThrow(/crm:contact:C1 is given twice/);
  });
});

describe('clusterRecords: guard rails', () => {
  it('does not link through an identifier held by more profile records than its cap', () => {
    const config = strongOnly();
    config.caps.email = 3;
    const shared = ['A', 'B', 'C', 'D'].map((id) => contact(id, { email: 'office@firm.com' }));
    const result = clusterRecords(shared, config);
    expect(result.clusters).toHaveLength(4);
    expect(decisionsOf(result, 'non-unique')).toEqual([
      {
        rule: 'non-unique',
        identifier: { type: 'email', value: 'office@firm.com' },
        profileRecords: 4,
        cap: 3,
        records: ['crm:contact:A', 'crm:contact:B', 'crm:contact:C', 'crm:contact:D'],
        recordCount: 4,
      },
    ]);
  });

  it('links up to the cap, and does not count receipts toward it', () => {
    const config = strongOnly();
    config.caps.email = 3;
    const records = [
      ...['A', 'B', 'C'].map((id) => contact(id, { email: 'ann@lee.com' })),
      ...Array.from({ length: 10 }, (_, i) => receipt(`T${i}`, { receiptEmail: 'ann@lee.com' })),
    ];
    const result = clusterRecords(records, config);
    expect(result.clusters).toHaveLength(1);
    expect(decisionsOf(result, 'non-unique')).toEqual([]);
  });

  describe('a family email', () => {
    const john = contact('JOHN', { firstName: 'John', lastName: 'Smith', birthDate: '1971-03-02', email: 'Smiths@Home.net', phone: '07911 123456' });
    const mary = contact('MARY', { firstName: 'Mary', lastName: 'Smith', birthDate: '1974-11-20', email: 'smiths@home.net' });
    const johnsCard = member('L1', { firstName: 'John', lastName: 'Smith', email: 'smiths@home.net' });
    const johnAgain = contact('JOHN2', { firstName: ' john ', lastName: 'SMITH', email: 'smiths@home.net' });
    const familyLaptop = visitor('V1', { emails: ['smiths@home.net'] });

    it('does not merge two people with different names and birth dates', () => {
      const result = clusterRecords([john, mary], strongOnly(), [], reliable);
      expect(together(result, 'crm:contact:JOHN', 'crm:contact:MARY')).toBe(false);
      expect(decisionsOf(result, 'different-people')).toEqual([
        {
          rule: 'different-people',
          identifier: { type: 'email', value: 'smiths@home.net' },
          people: [['crm:contact:JOHN'], ['crm:contact:MARY']],
          notLinked: [],
          evidence: {
            a: 'crm:contact:JOHN',
            b: 'crm:contact:MARY',
            reason: 'given-names',
            weight: expect.any(Number),
            below: -7,
            comparisons: [
              { field: 'firstName', label: 'different', weight: expect.any(Number) },
              { field: 'birthDate', label: 'different', weight: expect.any(Number) },
            ],
          },
        },
      ]);
    });

    it("still links each person's own records through it, and leaves the nameless holders alone", () => {
      const result = clusterRecords([john, mary, johnsCard, johnAgain, familyLaptop], strongOnly(), [], reliable);
      expect(clusterOf(result, 'crm:contact:JOHN')).toEqual(['crm:contact:JOHN', 'crm:contact:JOHN2', 'pos:member:L1']);
      expect(clusterOf(result, 'crm:contact:MARY')).toEqual(['crm:contact:MARY']);
      expect(clusterOf(result, 'web:visitor:V1')).toEqual(['web:visitor:V1']);
      const [decision] = decisionsOf(result, 'different-people');
      expect(decision!.notLinked).toEqual(['web:visitor:V1']);
    });

    it('merges records with the same name that share it', () => {
      const result = clusterRecords([john, johnAgain], strongOnly());
      expect(groups(result)).toEqual([['crm:contact:JOHN', 'crm:contact:JOHN2']]);
      expect(result.decisions).toEqual([]);
    });

    it('merges a similar name with a different birth date (a typo, not another person)', () => {
      const typo = contact('JON', { firstName: 'Jon', lastName: 'Smith', birthDate: '1971-02-03', email: 'smiths@home.net' });
      const result = clusterRecords([john, typo], strongOnly());
      expect(result.clusters).toHaveLength(1);
    });

    it('does not merge similar given names when each has a phone of their own', () => {
      const julia = contact('JULIA', { firstName: 'Julia', lastName: 'Berg', email: 'berg.family@mail.nl', phone: '06 12653652', country: 'NL' });
      const julian = contact('JULIAN', { firstName: 'Julian', lastName: 'Berg', email: 'berg.family@mail.nl', phone: '+31 6 12360602' });
      const result = clusterRecords([julia, julian], strongOnly(), [], reliable);
      expect(result.clusters).toHaveLength(2);
      expect(decisionsOf(result, 'different-people')[0]!.evidence.reason).toBe('own-phones');

      const sameNumber = contact('JULIAN', { firstName: 'Julian', lastName: 'Berg', email: 'berg.family@mail.nl', phone: '+31 6 12653652' });
      expect(clusterRecords([julia, sameNumber], strongOnly(), [], reliable).clusters).toHaveLength(1);
      // Where people often have a second phone (the prior), one letter and two numbers are a typo and a second phone.
      expect(clusterRecords([julia, julian], strongOnly()).clusters).toHaveLength(1);
    });

    it('does not merge a father and son of one name at one address', () => {
      const senior = contact('SR', { firstName: 'John', lastName: 'Smith', birthDate: '1948-06-01', email: 'smiths@home.net', postalCode: 'M1 1AE' });
      const junior = contact('JR', { firstName: 'John', lastName: 'Smith', birthDate: '1979-02-11', email: 'smiths@home.net', postalCode: 'M1 1AE' });
      const result = clusterRecords([senior, junior], defaultResolveConfig(), [], reliable);
      expect(result.clusters).toHaveLength(2);
      expect(decisionsOf(result, 'different-people')[0]!.evidence.reason).toBe('generations');
    });

    it('puts a sparse record with its namesakes, not with the similar-named relative met first', () => {
      // Generator data, seed 1, 10k people: Ansberte and Agilberte Poirier share a family email.
      // Agilberte's record without a phone cannot be told from Ansberte (similar given names, one
      // birth date missing), and her other records, which can, come later in key order.
      const email = 'poirier.family12@laposte.net';
      const ansberte = contact('A1', { firstName: 'Ansberte', lastName: 'Poirier', postalCode: '13326', email, phone: '+33 6 12 55 86 20' });
      const sparse = contact('B1', { firstName: 'Agilberte', lastName: 'Poirier', birthDate: '1997-02-10', postalCode: '13326', email });
      const agilberte = contact('B2', { firstName: 'Agilberte', lastName: 'Poirier', postalCode: '15384', email, phone: '+33 6 12 39 61 93' });
      const agilberteMoved = contact('B3', { firstName: 'Agilberte', lastName: 'Poirier', postalCode: '13326', email, phone: '+33 6 12 39 61 93' });
      const result = clusterRecords([ansberte, sparse, agilberte, agilberteMoved], strongOnly(), [], reliable);
      expect(groups(result)).toEqual([['crm:contact:A1'], ['crm:contact:B1', 'crm:contact:B2', 'crm:contact:B3']]);
      expect(decisionsOf(result, 'different-people')[0]!.people).toEqual([['crm:contact:A1'], ['crm:contact:B1', 'crm:contact:B2', 'crm:contact:B3']]);
    });

    it('merges different names with the same birth date (a nickname)', () => {
      const nickname = contact('JACK', { firstName: 'Jack', lastName: 'Smith', birthDate: '1971-03-02', email: 'smiths@home.net' });
      const result = clusterRecords([john, nickname], strongOnly());
      expect(result.clusters).toHaveLength(1);
    });
  });

  it('refuses a transitive merge of two different people through a shared device', () => {
    const john = contact('JOHN', { firstName: 'John', lastName: 'Smith', birthDate: '1971-03-02', email: 'john@smith.net' });
    const mary = contact('MARY', { firstName: 'Mary', lastName: 'Smith', birthDate: '1974-11-20', email: 'mary@smith.net' });
    const laptop = visitor('V1', { emails: ['john@smith.net', 'mary@smith.net'] });
    const result = clusterRecords([john, mary, laptop], strongOnly());
    expect(together(result, 'crm:contact:JOHN', 'crm:contact:MARY')).toBe(false);
    // Values are linked in sorted order, so the laptop meets John first.
    expect(together(result, 'web:visitor:V1', 'crm:contact:JOHN')).toBe(true);
    expect(decisionsOf(result, 'cluster-conflict')).toEqual([
      {
        rule: 'cluster-conflict',
        a: 'crm:contact:MARY',
        b: 'web:visitor:V1',
        via: { rule: 'identifier', identifier: { type: 'email', value: 'mary@smith.net' } },
        evidence: expect.objectContaining({ a: 'crm:contact:MARY', b: 'crm:contact:JOHN' }),
      },
    ]);
  });

  it('never links through a placeholder, and records it', () => {
    const records = [
      contact('A', { email: 'test@test.com' }),
      contact('B', { email: 'TEST@test.com' }),
      contact('C', { email: 'noemail@shop.co.uk' }),
      contact('D', { email: 'noemail@shop.co.uk' }),
      receipt('T1', { cardToken: 'unknown' }),
      receipt('T2', { cardToken: 'unknown' }),
    ];
    const result = clusterRecords(records, strongOnly());
    expect(result.clusters).toHaveLength(6);
    expect(decisionsOf(result, 'placeholder').map((d) => [d.identifier.value, d.recordCount])).toEqual([
      ['noemail@shop.co.uk', 2],
      ['test@test.com', 2],
      ['unknown', 2],
    ]);
  });

  it('lets the identifier type earlier in the priority order win a conflict', () => {
    // A receipt scanned Mary's loyalty card but was emailed to John.
    const records = [
      contact('JOHN', { firstName: 'John', lastName: 'Smith', birthDate: '1971-03-02', email: 'john@smith.net' }),
      member('L-MARY', { firstName: 'Mary', lastName: 'Smith' }),
      receipt('T1', { loyaltyId: 'L-MARY', receiptEmail: 'john@smith.net' }),
    ];
    const loyaltyFirst = clusterRecords(records, strongOnly(), [], reliable);
    expect(clusterOf(loyaltyFirst, 'pos:transaction:T1')).toEqual(['pos:member:L-MARY', 'pos:transaction:T1']);

    const emailFirst = strongOnly();
    emailFirst.priority = ['email', 'loyaltyId', 'webUserId', 'phone', 'cardToken'];
    const result = clusterRecords(records, emailFirst, [], reliable);
    expect(clusterOf(result, 'pos:transaction:T1')).toEqual(['crm:contact:JOHN', 'pos:transaction:T1']);
  });
});

describe('clusterRecords: probabilistic matching', () => {
  const jon = contact('A', { firstName: 'Jon', lastName: 'Smith', birthDate: '1980-05-01', postalCode: 'SW1A 1AA', email: 'jon@work.com' });
  const john = contact('B', { firstName: 'John', lastName: 'Smith', birthDate: '1980-05-01', postalCode: 'sw1a1aa', email: 'js@home.com' });

  it('links a close name with the same birth date and postal code, and explains the match field by field', () => {
    const result = clusterRecords([jon, john], defaultResolveConfig());
    expect(result.clusters).toHaveLength(1);
    const [link] = result.clusters[0]!.links;
    expect(link!.evidence.rule).toBe('probabilistic');
    if (link!.evidence.rule !== 'probabilistic') return;
    expect(link!.evidence.comparisons.map((c) => [c.field, c.label, c.weight > 0])).toEqual([
      ['firstName', 'similar (Jaro–Winkler ≥ 0.92)', true],
      ['lastName', 'exact', true],
      ['birthDate', 'exact', true],
      ['postalCode', 'exact', true],
      ['email', 'different', false],
    ]);
    expect(link!.evidence.comparisons[0]).toMatchObject({ a: 'jon', b: 'john' });
    expect(link!.evidence.matchProbability).toBeGreaterThanOrEqual(0.95);
    expect(link!.evidence.explanation).toMatch(/; birth date: exact, \+\d+\.\d bits \(for the same person\);.*; email: different, -\d+\.\d bits \(against\); total/);
  });

  it('can be switched off', () => {
    const config = defaultResolveConfig();
    config.matching.enabled = false;
    expect(clusterRecords([jon, john], config).clusters).toHaveLength(2);
  });

  it('does not link the same name with a different birth date and place', () => {
    const other = contact('C', { firstName: 'John', lastName: 'Smith', birthDate: '1962-09-30', postalCode: 'M1 1AE' });
    const result = clusterRecords([john, other], defaultResolveConfig());
    expect(result.clusters).toHaveLength(2);
  });

  it('links a birth year keyed wrong when name and address agree (no veto on one typo)', () => {
    const typo = contact('C', { firstName: 'John', lastName: 'Smith', birthDate: '1950-05-01', postalCode: 'SW1A 1AA', addressLine1: '10 Downing St' });
    const right = contact('D', { firstName: 'John', lastName: 'Smith', birthDate: '1980-05-01', postalCode: 'SW1A 1AA', addressLine1: '10 Downing Street' });
    expect(clusterRecords([typo, right], defaultResolveConfig()).clusters).toHaveLength(1);
  });

  it('finds swapped first and last names', () => {
    const swapped = contact('C', { firstName: 'Smith', lastName: 'John', birthDate: '1980-05-01', postalCode: 'SW1A1AA' });
    const result = clusterRecords([john, swapped], defaultResolveConfig());
    expect(result.clusters).toHaveLength(1);
    const evidence = result.clusters[0]!.links[0]!.evidence;
    expect(evidence.rule === 'probabilistic' && evidence.explanation.startsWith('prior')).toBe(true);
    expect(evidence.rule === 'probabilistic' && evidence.swappedNames).toBe(true);
  });

  it('skips a block larger than the limit and records it', () => {
    const config = defaultResolveConfig();
    config.matching.maxBlockSize = 2;
    config.matching.blocking = ['birthDate'];
    const twins = [jon, john, contact('C', { firstName: 'Jonn', lastName: 'Smith', birthDate: '1980-05-01' })];
    const result = clusterRecords(twins, config);
    expect(result.clusters).toHaveLength(3);
    expect(decisionsOf(result, 'block-too-large')).toEqual([
      { rule: 'block-too-large', blockingKey: 'dob:19800501', size: 3, maxBlockSize: 2 },
    ]);
  });
});

describe('clusterRecords: admin corrections', () => {
  const ann = contact('ANN', { firstName: 'Ann', lastName: 'Lee', email: 'ann@lee.com' });
  const annShop = member('L1', { firstName: 'Ann', lastName: 'Lee', email: 'ann@lee.com' });
  const borrowedLaptop = visitor('V1', { emails: ['ann@lee.com'], userIds: ['u-dan'] });

  it('honours an unlink on the next run, and still lets new records join', () => {
    const first = clusterRecords([ann, annShop, borrowedLaptop], strongOnly());
    const wrong = clusterOf(first, 'web:visitor:V1');
    expect(wrong).toHaveLength(3);

    const unlink = unlinkDecision('d1', 'web:visitor:V1', wrong);
    const newContact = contact('ANN2', { email: 'ann@lee.com' });
    const rerun = clusterRecords([ann, annShop, borrowedLaptop, newContact], strongOnly(), [unlink]);
    expect(clusterOf(rerun, 'crm:contact:ANN')).toEqual(['crm:contact:ANN', 'crm:contact:ANN2', 'pos:member:L1']);
    expect(clusterOf(rerun, 'web:visitor:V1')).toEqual(['web:visitor:V1']);
    expect(decisionsOf(rerun, 'manual').every((d) => d.decisionId === 'd1')).toBe(true);
    expect(decisionsOf(rerun, 'manual').length).toBeGreaterThan(0);

    // The unlinked record may still join records it was never separated from.
    const dansContact = contact('DAN', { firstName: 'Dan', lastName: 'Lee', email: 'dan@lee.com' });
    const dansVisit = visitor('V2', { userIds: ['u-dan'], emails: ['dan@lee.com'] });
    const later = clusterRecords([ann, annShop, borrowedLaptop, dansContact, dansVisit], strongOnly(), [unlink]);
    expect(clusterOf(later, 'web:visitor:V1')).toEqual(['crm:contact:DAN', 'web:visitor:V1', 'web:visitor:V2']);
  });

  it('honours a split into parts on the next run', () => {
    // Two people wrongly joined by a phone typed on both.
    const records = [
      contact('A1', { email: 'a@x.com', phone: '020 7946 0958' }),
      contact('A2', { email: 'a@x.com' }),
      contact('B1', { email: 'b@x.com', phone: '020 7946 0958' }),
      contact('B2', { email: 'b@x.com' }),
    ];
    const first = clusterRecords(records, strongOnly());
    expect(first.clusters).toHaveLength(1);
    const split = splitDecision('d2', first.clusters[0]!.records, [
      ['crm:contact:A1', 'crm:contact:A2'],
      ['crm:contact:B1', 'crm:contact:B2'],
    ]);
    const rerun = clusterRecords(records, strongOnly(), [split]);
    expect(groups(rerun)).toEqual([
      ['crm:contact:A1', 'crm:contact:A2'],
      ['crm:contact:B1', 'crm:contact:B2'],
    ]);
    expect(decisionsOf(rerun, 'manual')).toEqual([
      expect.objectContaining({ rule: 'manual', decisionId: 'd2', via: { rule: 'identifier', identifier: { type: 'phone', value: '+442079460958' } } }),
    ]);
  });

  it('rejects corrections that do not fit the customer', () => {
    const records = ['crm:contact:A', 'crm:contact:B', 'crm:contact:C'];
    expect(() => unlinkDecision('d', 'crm:contact:Z', records)).toThrow(/not one of the customer's records/);
    expect(() => splitDecision('d', records, [['crm:contact:A', 'crm:contact:B', 'crm:contact:C']])).toThrow(/at least two parts/);
    expect(() => splitDecision('d', records, [['crm:contact:A'], ['crm:contact:B']])).toThrow(/crm:contact:C in no part/);
    expect(() => splitDecision('d', records, [['crm:contact:A', 'crm:contact:B'], ['crm:contact:B', 'crm:contact:C']])).toThrow(
      /in two parts/,
    );
    expect(() => splitDecision('d', records, [['crm:contact:A'], ['crm:contact:X']])).toThrow(/crm:contact:X is not one/);
  });
});
