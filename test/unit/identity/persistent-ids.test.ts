import { assignCustomerIds, type AssignResult, type PreviousAssignments } from '../../../src/identity/persistent-ids';
import { clusterRecords, unlinkDecision } from '../../../src/identity/resolve';
import { defaultResolveConfig } from '../../../src/identity/resolve-config';
import { contact, visitor } from './builders';

function sequence(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

const NO_PREVIOUS: PreviousAssignments = { assignments: new Map(), customerCreatedAt: new Map() };
const T0 = new Date('2025-01-01T00:00:00Z');
const T1 = new Date('2025-02-01T00:00:00Z');
const T2 = new Date('2025-03-01T00:00:00Z');

/** The state the next run reads back: what the resolve command would have stored. */
function stateAfter(result: AssignResult, previous: PreviousAssignments): PreviousAssignments {
  const customerCreatedAt = new Map(previous.customerCreatedAt);
  for (const c of result.created) customerCreatedAt.set(c.id, c.createdAt);
  return { assignments: result.assignments, customerCreatedAt };
}

describe('assignCustomerIds', () => {
  it('gives every cluster a new id on the first run, in the order of its first record', () => {
    const result = assignCustomerIds(NO_PREVIOUS, [{ records: ['b', 'c'] }, { records: ['a'] }], sequence('K'), { now: T0 });
    expect(result.clusterIds).toEqual(['K2', 'K1']);
    expect(Object.fromEntries(result.assignments)).toEqual({ a: 'K1', b: 'K2', c: 'K2' });
    expect(result.created).toEqual([
      { id: 'K1', createdAt: T0 },
      { id: 'K2', createdAt: T0 },
    ]);
    expect(result.changedRecords.sort()).toEqual(['a', 'b', 'c']);
  });

  it('changes nothing when re-run on the same clusters', () => {
    const previous: PreviousAssignments = {
      assignments: new Map([
        ['a', 'K1'],
        ['b', 'K2'],
        ['c', 'K2'],
      ]),
      customerCreatedAt: new Map([
        ['K1', T0],
        ['K2', T0],
      ]),
    };
    const newId = jest.fn(sequence('NEW'));
    const result = assignCustomerIds(previous, [{ records: ['a'] }, { records: ['b', 'c'] }], newId);
    expect(result.assignments).toEqual(previous.assignments);
    expect(result).toMatchObject({ created: [], merges: [], splits: [], changedRecords: [] });
    expect(newId).not.toHaveBeenCalled();
  });

  it('keeps the id when a new record joins a customer', () => {
    const previous: PreviousAssignments = { assignments: new Map([['a', 'K1']]), customerCreatedAt: new Map([['K1', T0]]) };
    const result = assignCustomerIds(previous, [{ records: ['a', 'z'] }], sequence('NEW'));
    expect(result.clusterIds).toEqual(['K1']);
    expect(result.changedRecords).toEqual(['z']);
  });

  it('lets the older id survive a merge even when the newer one had more records', () => {
    const previous: PreviousAssignments = {
      assignments: new Map([
        ['a', 'OLD'],
        ['b', 'NEW'],
        ['c', 'NEW'],
        ['d', 'NEW'],
      ]),
      customerCreatedAt: new Map([
        ['OLD', T0],
        ['NEW', T1],
      ]),
    };
    const result = assignCustomerIds(previous, [{ records: ['a', 'b', 'c', 'd'] }], sequence('X'));
    expect(result.clusterIds).toEqual(['OLD']);
    expect(result.merges).toEqual([{ survivor: 'OLD', mergedFrom: ['NEW'] }]);
    expect(result.changedRecords).toEqual(['b', 'c', 'd']);
  });

  it('orders a three-way merge by age', () => {
    const previous: PreviousAssignments = {
      assignments: new Map([
        ['a', 'K3'],
        ['b', 'K1'],
        ['c', 'K2'],
      ]),
      customerCreatedAt: new Map([
        ['K1', T1],
        ['K2', T2],
        ['K3', T0],
      ]),
    };
    const result = assignCustomerIds(previous, [{ records: ['a', 'b', 'c'] }], sequence('X'));
    expect(result.merges).toEqual([{ survivor: 'K3', mergedFrom: ['K1', 'K2'] }]);
  });

  it('keeps the id with the largest part of a split; the others get new ids', () => {
    const previous: PreviousAssignments = {
      assignments: new Map(['a', 'b', 'c', 'd'].map((k) => [k, 'K1'])),
      customerCreatedAt: new Map([['K1', T0]]),
    };
    const result = assignCustomerIds(previous, [{ records: ['a'] }, { records: ['b', 'c', 'd'] }], sequence('NEW'), { now: T2 });
    expect(result.clusterIds).toEqual(['NEW1', 'K1']);
    expect(result.created).toEqual([{ id: 'NEW1', createdAt: T2 }]);
    expect(result.splits).toEqual([
      {
        id: 'K1',
        parts: [
          { customerId: 'NEW1', records: ['a'] },
          { customerId: 'K1', records: ['b', 'c', 'd'] },
        ],
      },
    ]);
  });

  it('breaks a tie between equal parts by the oldest record, then by record key', () => {
    const previous: PreviousAssignments = {
      assignments: new Map(['a', 'b'].map((k) => [k, 'K1'])),
      customerCreatedAt: new Map([['K1', T0]]),
    };
    const created: Record<string, Date> = { a: T2, b: T0 };
    const byAge = assignCustomerIds(previous, [{ records: ['a'] }, { records: ['b'] }], sequence('NEW'), {
      recordCreatedAt: (k) => created[k],
    });
    expect(byAge.clusterIds).toEqual(['NEW1', 'K1']);

    const byKey = assignCustomerIds(previous, [{ records: ['a'] }, { records: ['b'] }], sequence('NEW'));
    expect(byKey.clusterIds).toEqual(['K1', 'NEW1']);
  });

  it('moves records between customers without inventing ids', () => {
    const previous: PreviousAssignments = {
      assignments: new Map([
        ['a', 'X'],
        ['b', 'X'],
        ['c', 'X'],
        ['d', 'Y'],
      ]),
      customerCreatedAt: new Map([
        ['X', T0],
        ['Y', T1],
      ]),
    };
    const newId = jest.fn(sequence('NEW'));
    const result = assignCustomerIds(previous, [{ records: ['a', 'b'] }, { records: ['c', 'd'] }], newId);
    expect(result.clusterIds).toEqual(['X', 'Y']);
    expect(result.merges).toEqual([]);
    expect(result.changedRecords).toEqual(['c']);
    expect(newId).not.toHaveBeenCalled();
  });

  it('refuses an id generator that repeats an existing id', () => {
    const previous: PreviousAssignments = { assignments: new Map([['a', 'K1']]), customerCreatedAt: new Map([['K1', T0]]) };
    expect(() => assignCustomerIds(previous, [{ records: ['a'] }, { records: ['b'] }], () => 'K1')).toThrow(
      /newId\(\) returned K1, which is already a customer id/,
    );
  });
});

describe('customer ids across resolve runs', () => {
  const config = defaultResolveConfig();
  const ann = contact('ANN', { firstName: 'Ann', lastName: 'Lee', email: 'ann@lee.com' });
  const annWeb = visitor('V-ANN', { emails: ['ann@lee.com'], userIds: ['u-ann'] });
  const annPhone = contact('ANN-P', { firstName: 'Ann', lastName: 'Lee', phone: '020 7946 0958' });
  const bridge = contact('ANN-BOTH', { email: 'ann@lee.com', phone: '020 7946 0958' });
  const newId = sequence('cust-');

  it('survive runs, merges and an admin split', () => {
    // Run 1: two customers (email and phone never seen together yet).
    const run1 = assignCustomerIds(NO_PREVIOUS, clusterRecords([ann, annWeb, annPhone], config).clusters, newId, { now: T0 });
    const annId = run1.assignments.get('crm:contact:ANN')!;
    const phoneId = run1.assignments.get('crm:contact:ANN-P')!;
    expect(annId).not.toBe(phoneId);
    let state = stateAfter(run1, NO_PREVIOUS);

    // Run 2, nothing new: nothing changes.
    const run2 = assignCustomerIds(state, clusterRecords([annPhone, annWeb, ann], config).clusters, newId, { now: T1 });
    expect(run2.changedRecords).toEqual([]);
    expect(run2.assignments).toEqual(run1.assignments);

    // Run 3: a record holding both joins them; the older id (the first created) survives.
    const run3 = assignCustomerIds(state, clusterRecords([ann, annWeb, annPhone, bridge], config).clusters, newId, { now: T1 });
    const older = [annId, phoneId].sort()[0]!;
    expect(new Set(run3.assignments.values())).toEqual(new Set([older]));
    expect(run3.merges).toEqual([{ survivor: older, mergedFrom: [[annId, phoneId].sort()[1]] }]);
    state = stateAfter(run3, state);

    // Run 4: an admin unlinks the phone-only contact; the larger part keeps the id.
    const merged = [...run3.assignments.keys()].sort();
    const unlink = unlinkDecision('d1', 'crm:contact:ANN-P', merged);
    const run4 = assignCustomerIds(state, clusterRecords([ann, annWeb, annPhone, bridge], config, [unlink]).clusters, newId, {
      now: T2,
    });
    expect(run4.assignments.get('crm:contact:ANN')).toBe(older);
    expect(run4.assignments.get('crm:contact:ANN-P')).not.toBe(older);
    expect(run4.splits).toHaveLength(1);
    expect(run4.changedRecords).toEqual(['crm:contact:ANN-P']);
  });
});
