import { DEFAULT_INDEX_CONFIG, type IndexConfig } from '../../../src/insights/config';
import type { CustomerInputs } from '../../../src/insights/inputs';
import { portfolioIndex, createPortfolioAccumulator } from '../../../src/insights/portfolio';
import { integrationIndex, scoreTallies, windowEndingAt } from '../../../src/insights/score';
import {
  boundariesOf,
  emptyCustomerTallies,
  emptyInteractionTallies,
  mergeInteractionTallies,
  segmentOf,
  segmentsOfWindow,
  tallyInputs,
  type CustomerTallies,
} from '../../../src/insights/tallies';
import { contact, crmCase, customer, daysBefore, member, posReturn, sale, session, T, visitor } from './builders';

const config = DEFAULT_INDEX_CONFIG;

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A customer with a random mix of records around the window's edges: several contacts, members and
 * visitors with overlapping and conflicting details, cases, sessions and receipts in two currencies.
 */
function generatedCustomer(seed: number): CustomerInputs {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const count = (max: number) => Math.floor(rnd() * (max + 1));
  // Days before T, including the window's exact edges (0 and 365) and times past T.
  const when = () => daysBefore(pick([0, 365, -1, 1, 30.5, 200, 364.99, 400, 365.01]));
  const names = ['Ana', 'ana ', 'Bo', undefined];
  const emails = ['a@x.com', 'A@X.com ', 'b@y.org', 'not-an-email', undefined];
  const phones = ['+44 20 7946 0958', '020 7946 0958', '+1 202 555 0143', 'junk', undefined];
  const postcodes = ['SW1A 1AA', 'sw1a1aa', 'EC1A 1BB', undefined];
  const person = () => ({
    firstName: pick(names),
    lastName: pick(['Souza', 'SOUZA', undefined]),
    email: pick(emails),
    phone: pick(phones),
    postalCode: pick(postcodes),
    country: pick(['GB', 'US', undefined]),
    updatedAt: daysBefore(pick([1, 2, 2, 50])),
  });
  const strip = <O extends object>(o: O): O =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as O;

  const contacts = Array.from({ length: count(3) }, (_, i) => contact(`C${i}`, strip(person())));
  const members = Array.from({ length: count(2) }, (_, i) => member(`L${i}`, strip(person())));
  const visitors = Array.from({ length: count(3) }, (_, i) =>
    visitor(`V${i}`, daysBefore(pick([1, 2, 2, 50])), pick(emails)),
  );
  const cases = Array.from({ length: count(6) }, (_, i) =>
    crmCase(`K${i}`, pick(['C0', 'C1', 'C2', 'C9']), when(), pick([1, 2, 3, 4, 5, undefined])),
  );
  const sessions = Array.from({ length: count(6) }, (_, i) =>
    session(`S${i}`, when(), { recognised: rnd() < 0.5, hasAddToCart: rnd() < 0.5, hasOrder: rnd() < 0.4 }),
  );
  const transactions = Array.from({ length: count(6) }, (_, i) => {
    const amounts = [{ currency: pick(['GBP', 'EUR']), amount: Math.round(rnd() * 20000) / 100 }];
    if (rnd() < 0.2) amounts.push({ currency: 'GBP', amount: 0.1 });
    const fields = { recognised: rnd() < 0.6, amounts };
    return rnd() < 0.3 ? posReturn(`P${i}`, when(), 0, fields) : sale(`P${i}`, when(), 0, fields);
  });
  return customer({
    crmContacts: contacts,
    crmCases: cases,
    webVisitors: visitors,
    webSessions: sessions,
    posMembers: members,
    posTransactions: transactions,
  });
}

/** Tallies each record on its own (as the channel subgraphs do) and merges them per customer. */
function tallyPerRecord(inputs: CustomerInputs, window: { from: Date; to: Date }): CustomerTallies {
  const merged = emptyCustomerTallies();
  const single = (parts: Partial<CustomerInputs>) => tallyInputs(customer(parts), window);
  for (const c of inputs.crmContacts) {
    const own = inputs.crmCases.filter((k) => k.contactId === c.contactId);
    const t = single({ crmContacts: [c], crmCases: own });
    mergeInteractionTallies(merged, t);
    merged.profiles.push(...t.profiles);
  }
  // A case whose contact is not the customer's is unrecognised, as integrationIndex counts it.
  const known = new Set(inputs.crmContacts.map((c) => c.contactId));
  mergeInteractionTallies(merged, single({ crmCases: inputs.crmCases.filter((k) => !known.has(k.contactId)) }));
  for (const s of inputs.webSessions) mergeInteractionTallies(merged, single({ webSessions: [s] }));
  for (const t of inputs.posTransactions) mergeInteractionTallies(merged, single({ posTransactions: [t] }));
  merged.profiles.push(
    ...single({ webVisitors: inputs.webVisitors }).profiles,
    ...single({ posMembers: inputs.posMembers }).profiles,
  );
  // Records arrive in any order; survivorship must not depend on it.
  merged.profiles.reverse();
  return merged;
}

describe('tallies', () => {
  it('scores the worked-example style customer the same way as integrationIndex', () => {
    const inputs = customer({
      crmContacts: [contact('C1', { firstName: 'Ana', lastName: 'Souza', email: 'ana@mail.com', country: 'GB' })],
      crmCases: [crmCase('K1', 'C1', daysBefore(1), 5), crmCase('K2', 'C1', daysBefore(2), 3), crmCase('K3', 'C1', daysBefore(400), 1)],
      webVisitors: [visitor('V1', daysBefore(3), 'ana@work.com')],
      webSessions: [session('S1', daysBefore(3), { recognised: true, hasAddToCart: true })],
      posMembers: [member('L1', { firstName: 'ana', lastName: 'SOUZA', email: 'ana@mail.com' })],
      posTransactions: [sale('P1', daysBefore(5), 120), posReturn('P2', daysBefore(4), 30)],
    });
    const window = windowEndingAt(T, config);
    const tallies = tallyInputs(inputs, window);
    expect(tallies.crm).toEqual({ cases: 2, recognised: 2, rated: 2, csatSum: 8 });
    expect(tallies.web).toEqual({ sessions: 1, recognised: 1, withAddToCart: 1, withOrder: 0 });
    expect(tallies.pos).toEqual({ transactions: 2, recognised: 2, sales: 1, returns: 1, sold: { GBP: 120 }, returned: { GBP: 30 } });
    expect(tallies.profiles.map((p) => [p.source, p.recordId, p.keys])).toEqual([
      ['crm', 'C1', { fullName: 'ana souza', email: 'ana@mail.com' }],
      ['pos', 'L1', { fullName: 'ana souza', email: 'ana@mail.com' }],
      ['web', 'V1', { email: 'ana@work.com' }],
    ]);
    const scored = scoreTallies(tallies, T, config);
    expect(scored).toEqual(integrationIndex(inputs, T, config));
    // crm: A 100, C 50 (its email lost to the web visitor's newer one), E (100 + 50) / 2 = 75.
    expect(scored.channels[0]).toMatchObject({ accessibility: 100, consistency: 50, experience: 75 });
  });

  it('gives the same index from per-record tallies merged in any order, on 300 generated customers', () => {
    const window = windowEndingAt(T, config);
    for (let seed = 1; seed <= 300; seed += 1) {
      const inputs = generatedCustomer(seed);
      const expected = integrationIndex(inputs, T, config);
      expect({ seed, result: scoreTallies(tallyPerRecord(inputs, window), T, config) }).toEqual({ seed, result: expected });
    }
  });

  it('honours custom weights and source priority in stage (b) like integrationIndex does', () => {
    const custom: IndexConfig = {
      ...config,
      componentWeights: { accessibility: 2, consistency: 0, experience: 1 },
      channelWeights: { crm: 1, web: 3, pos: 0 },
      sourcePriority: ['web', 'pos', 'crm'],
    };
    for (let seed = 301; seed <= 350; seed += 1) {
      const inputs = generatedCustomer(seed);
      const window = windowEndingAt(T, custom);
      expect(scoreTallies(tallyPerRecord(inputs, window), T, custom)).toEqual(integrationIndex(inputs, T, custom));
    }
  });

  it('puts an instant in the segment (previous boundary, boundary] and nowhere outside the boundaries', () => {
    const b = [10, 20, 30];
    expect([5, 10, 11, 20, 21, 30, 31].map((t) => segmentOf(t, b))).toEqual([null, null, 1, 1, 2, 2, null]);
    expect(segmentOf(5, [])).toBeNull();
  });

  it('adds up per-segment tallies into each window of a monthly trend', () => {
    const ends = [0, 1, 2, 3].map((m) => new Date(Date.UTC(2026, 3 + m, 1)));
    const windows = ends.map((end) => windowEndingAt(end, config));
    const boundaries = boundariesOf(windows);
    for (let seed = 400; seed <= 450; seed += 1) {
      // Move the generated customer's times around the trend's month ends.
      const inputs = generatedCustomer(seed);
      const perSegment = new Map<number, ReturnType<typeof emptyInteractionTallies>>();
      const shift = (d: Date) => new Date(d.getTime() - (seed % 4) * 30 * 24 * 3600 * 1000 - 90 * 24 * 3600 * 1000);
      const shifted = customer({
        ...inputs,
        crmCases: inputs.crmCases.map((c) => ({ ...c, openedAt: shift(c.openedAt) })),
        webSessions: inputs.webSessions.map((s) => ({ ...s, startedAt: shift(s.startedAt) })),
        posTransactions: inputs.posTransactions.map((t) => ({ ...t, at: shift(t.at) })),
      });
      const everything = { from: new Date(boundaries[0]!), to: new Date(boundaries[boundaries.length - 1]!) };
      const addAt = (at: Date, parts: Partial<CustomerInputs>) => {
        const segment = segmentOf(at, boundaries);
        if (segment === null) return;
        const tally = perSegment.get(segment) ?? emptyInteractionTallies();
        mergeInteractionTallies(tally, tallyInputs(customer({ crmContacts: shifted.crmContacts, ...parts }), everything));
        perSegment.set(segment, tally);
      };
      for (const c of shifted.crmCases) addAt(c.openedAt, { crmCases: [c] });
      for (const s of shifted.webSessions) addAt(s.startedAt, { webSessions: [s] });
      for (const t of shifted.posTransactions) addAt(t.at, { posTransactions: [t] });

      windows.forEach((window, i) => {
        const [first, last] = segmentsOfWindow(window, boundaries);
        const tallies = emptyCustomerTallies();
        for (let k = first; k <= last; k += 1) {
          const part = perSegment.get(k);
          if (part) mergeInteractionTallies(tallies, part);
        }
        tallies.profiles = tallyInputs(shifted, window).profiles;
        expect(scoreTallies(tallies, ends[i]!, config)).toEqual(integrationIndex(shifted, ends[i]!, config));
      });
    }
  });

  it('refuses a window whose edges are not boundaries', () => {
    expect(() => segmentsOfWindow({ from: new Date(1), to: new Date(2) }, [1, 3])).toThrow(/not made of whole segments/);
  });

  it('accumulates a portfolio one result at a time exactly as portfolioIndex does', () => {
    const results = Array.from({ length: 100 }, (_, i) => integrationIndex(generatedCustomer(500 + i), T, config));
    const accumulator = createPortfolioAccumulator(config);
    results.forEach((r) => accumulator.add(r));
    expect(accumulator.result()).toEqual(portfolioIndex(results, config));
    expect(accumulator.result().customers).toBe(100);
  });
});
