import { blockingKeys, isMatchCandidate } from '../../../src/identity/probabilistic';
import { assignCustomerIds, type PreviousAssignments } from '../../../src/identity/persistent-ids';
import { refKey, type IdentityRecord } from '../../../src/identity/records';
import { clusterRecords, computeAffectedSet, estimateModel, identifierKey, type AffectedSetSource } from '../../../src/identity/resolve';
import { defaultResolveConfig } from '../../../src/identity/resolve-config';
import { contact, receipt, visitor } from './builders';

/**
 * The stored state after a run, kept in maps: what the resolve command keeps in the identity
 * database (records with their identifiers, an identifier index, customer ids).
 */
function storedState(records: IdentityRecord[], assignments: ReadonlyMap<string, string>, fuzzyRules = defaultResolveConfig().matching.blocking) {
  const identifiers = new Map(records.map((r) => [refKey(r.ref), r.identifiers.map(identifierKey)]));
  const holders = new Map<string, string[]>();
  const blocks = new Map<string, string[]>();
  const members = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, value: string): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const r of records) {
    const key = refKey(r.ref);
    for (const id of identifiers.get(key)!) push(holders, id, key);
    if (isMatchCandidate(r)) for (const b of blockingKeys(r, fuzzyRules)) push(blocks, b, key);
    push(members, assignments.get(key)!, key);
  }
  const pick = (map: Map<string, string[]>, keys: string[]): Map<string, string[]> =>
    new Map(keys.filter((k) => map.has(k)).map((k) => [k, map.get(k)!]));
  const source: AffectedSetSource & { calls: number } = {
    calls: 0,
    async holders(keys) {
      source.calls++;
      return pick(holders, keys);
    },
    async identifiersOf(keys) {
      source.calls++;
      return pick(identifiers, keys);
    },
    async customersOf(keys) {
      source.calls++;
      return new Map(keys.filter((k) => assignments.has(k)).map((k) => [k, assignments.get(k)!]));
    },
    async recordsOf(ids) {
      source.calls++;
      return pick(members, ids);
    },
    async blockMembers(keys) {
      source.calls++;
      return pick(blocks, keys);
    },
  };
  return source;
}

function sequence(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

const T0 = new Date('2025-01-01T00:00:00Z');

describe('incremental resolve', () => {
  const config = defaultResolveConfig();
  const before = [
    contact('A1', { firstName: 'Ann', lastName: 'Lee', email: 'ann@lee.com' }),
    contact('A2', { firstName: 'Ann', lastName: 'Lee', email: 'ann@lee.com', birthDate: '1990-01-01' }),
    visitor('VA', { emails: ['ann@lee.com'] }),
    contact('B1', { firstName: 'Bo', lastName: 'Berg', phone: '030 1234567', country: 'DE' }),
    receipt('TB', { cardToken: 'tok_b' }),
    contact('B2', { firstName: 'Bo', lastName: 'Berg', phone: '+49 30 1234567' }),
    contact('C1', { firstName: 'Cy', lastName: 'Cole', email: 'cy@cole.com', birthDate: '1970-07-07' }),
    visitor('V-ANON'),
  ];
  // Weights come from the model a full run estimated and stored; incremental runs reuse it.
  const model = estimateModel(before, config);
  const first = clusterRecords(before, config, [], { model });
  const run1 = assignCustomerIds({ assignments: new Map(), customerCreatedAt: new Map() }, first.clusters, sequence('K'), { now: T0 });
  const previous: PreviousAssignments = {
    assignments: run1.assignments,
    customerCreatedAt: new Map(run1.created.map((c) => [c.id, c.createdAt])),
  };

  /** Re-clusters only the affected records and checks the outcome equals a full run's. */
  async function incrementalEqualsFull(changed: IdentityRecord[]): Promise<Set<string>> {
    const source = storedState(before, previous.assignments);
    const affected = await computeAffectedSet(changed, source, config);

    const changedKeys = new Set(changed.map((r) => refKey(r.ref)));
    const now = [...before.filter((r) => !changedKeys.has(refKey(r.ref))), ...changed];
    const full = assignCustomerIds(previous, clusterRecords(now, config, [], { model }).clusters, sequence('NEW'));

    const subset = now.filter((r) => affected.has(refKey(r.ref)));
    const partial = assignCustomerIds(previous, clusterRecords(subset, config, [], { model }).clusters, sequence('NEW'));
    const incremental = new Map(previous.assignments);
    for (const [k, id] of partial.assignments) incremental.set(k, id);
    expect(incremental).toEqual(full.assignments);
    return affected;
  }

  it('reaches nothing when nothing changed', async () => {
    expect(await computeAffectedSet([], storedState(before, previous.assignments), config)).toEqual(new Set());
  });

  it('re-clusters a new record with the customers it bridges, and nothing else', async () => {
    const bridge = contact('N', { email: 'ann@lee.com', phone: '030 1234567', country: 'DE' });
    const affected = await incrementalEqualsFull([bridge]);
    expect([...affected].sort()).toEqual([
      'crm:contact:A1',
      'crm:contact:A2',
      'crm:contact:B1',
      'crm:contact:B2',
      'crm:contact:N',
      'web:visitor:VA',
    ]);
  });

  it('follows the old identifiers of a changed record, so a removed email can split its customer', async () => {
    const moved = contact('A2', { firstName: 'Ann', lastName: 'Lee', email: 'ann@new-job.com', birthDate: '1990-01-01' });
    const affected = await incrementalEqualsFull([moved]);
    expect(affected).toContain('crm:contact:A1');
    expect(affected).toContain('web:visitor:VA');
    expect(affected).not.toContain('crm:contact:C1');
  });

  it('brings in fuzzy neighbours of a changed record', async () => {
    const typo = contact('C2', { firstName: 'Cy', lastName: 'Colle', birthDate: '1970-07-07' });
    const affected = await incrementalEqualsFull([typo]);
    expect(affected).toContain('crm:contact:C1');
  });

  it('asks the source in rounds, not once per record', async () => {
    const source = storedState(before, previous.assignments);
    await computeAffectedSet([contact('N', { email: 'ann@lee.com', phone: '030 1234567', country: 'DE' })], source, config);
    expect(source.calls).toBeLessThanOrEqual(1 + 4 * 3);
  });
});
