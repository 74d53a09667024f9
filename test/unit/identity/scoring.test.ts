import { blockingRecall, linkableScores, pairwiseScores } from '../../../src/identity/scoring';

describe('pairwiseScores', () => {
  it('scores a perfect clustering 1 / 1 / 1', () => {
    const truth = new Map([
      ['a', 'P'],
      ['b', 'P'],
      ['c', 'Q'],
    ]);
    const predicted = new Map([
      ['a', 1],
      ['b', 1],
      ['c', 2],
    ]);
    expect(pairwiseScores(predicted, truth)).toEqual({ precision: 1, recall: 1, f1: 1, truePairs: 1, predictedPairs: 1, correctPairs: 1 });
  });

  it('counts pairs by hand on an over- and under-merged example', () => {
    // Truth: P = {a,b,c,d} (6 pairs), Q = {e,f} (1 pair): 7 true pairs.
    // Predicted: X = {a,b,e} (3 pairs, 1 correct: ab), Y = {c,d} (1 pair, correct), Z = {f}.
    // Correct 2 of 4 predicted → precision 0.5; 2 of 7 true → recall 2/7; F1 = 2·0.5·(2/7)/(0.5+2/7) = 4/11.
    const truth = new Map(Object.entries({ a: 'P', b: 'P', c: 'P', d: 'P', e: 'Q', f: 'Q' }));
    const predicted = new Map(Object.entries({ a: 'X', b: 'X', e: 'X', c: 'Y', d: 'Y', f: 'Z' }));
    const s = pairwiseScores(predicted, truth);
    expect(s.truePairs).toBe(7);
    expect(s.predictedPairs).toBe(4);
    expect(s.correctPairs).toBe(2);
    expect(s.precision).toBeCloseTo(0.5, 12);
    expect(s.recall).toBeCloseTo(2 / 7, 12);
    expect(s.f1).toBeCloseTo(4 / 11, 12);
  });

  it('treats a record missing from the prediction as a cluster of its own', () => {
    // Truth {a,b,c} = 3 pairs; only a and b predicted together → 1 correct, precision 1, recall 1/3.
    const truth = new Map(Object.entries({ a: 'P', b: 'P', c: 'P' }));
    const predicted = new Map(Object.entries({ a: 'c', b: 'c' })); // a cluster id equal to a record key
    const s = pairwiseScores(predicted, truth);
    expect([s.predictedPairs, s.correctPairs, s.precision]).toEqual([1, 1, 1]);
    expect(s.recall).toBeCloseTo(1 / 3, 12);
  });

  it('ignores predicted records that are not in the truth', () => {
    const truth = new Map(Object.entries({ a: 'P', b: 'Q' }));
    const predicted = new Map(Object.entries({ a: 1, b: 2, extra: 1 }));
    expect(pairwiseScores(predicted, truth)).toMatchObject({ predictedPairs: 0, truePairs: 0, precision: 1, recall: 1, f1: 1 });
  });

  it('scores everything merged into one cluster', () => {
    // Truth: 2 people of 2 → 2 true pairs; one cluster of 4 → 6 predicted pairs, 2 correct.
    const truth = new Map(Object.entries({ a: 'P', b: 'P', c: 'Q', d: 'Q' }));
    const predicted = new Map(Object.entries({ a: 0, b: 0, c: 0, d: 0 }));
    const s = pairwiseScores(predicted, truth);
    expect(s.precision).toBeCloseTo(2 / 6, 12);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo(0.5, 12);
  });
});

describe('linkableScores', () => {
  // Person P has records a, b, c, d: a–b share an email (group P/1), c–d a card (P/2); e is a cash
  // receipt of P with nothing on it (P/3). Person Q: f, g sharing a phone (Q/1).
  const person = new Map(Object.entries({ a: 'P', b: 'P', c: 'P', d: 'P', e: 'P', f: 'Q', g: 'Q' }));
  const group = new Map(Object.entries({ a: 'P/1', b: 'P/1', c: 'P/2', d: 'P/2', e: 'P/3', f: 'Q/1', g: 'Q/1' }));

  it('counts recall over the pairs the evidence connects, precision over people', () => {
    // Predicted: {a,b} {c} {d} {e} {f,g}: 2 of the 3 linkable pairs (ab, fg), both correct.
    const predicted = new Map(Object.entries({ a: 1, b: 1, c: 2, d: 3, e: 4, f: 5, g: 5 }));
    const s = linkableScores(predicted, person, group);
    expect([s.linkablePairs, s.linkedPairs]).toEqual([3, 2]);
    expect(s.precision).toBe(1);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
    expect(s.f1).toBeCloseTo(0.8, 12);
    // Over all records the same prediction finds 2 of P's 10 pairs plus Q's 1.
    expect(pairwiseScores(predicted, person).recall).toBeCloseTo(2 / 11, 12);
  });

  it('does not count a right link across evidence groups as wrong', () => {
    // a with c (one person, different groups) is a correct pair; e with f (two people) is not.
    const predicted = new Map(Object.entries({ a: 1, b: 1, c: 1, d: 1, e: 2, f: 2, g: 2 }));
    const s = linkableScores(predicted, person, group);
    expect([s.linkablePairs, s.linkedPairs]).toEqual([3, 3]);
    expect(s.recall).toBe(1);
    // Predicted pairs: 6 in {a,b,c,d} (all right) + 3 in {e,f,g} (only f–g right) = 7 of 9.
    expect(s.precision).toBeCloseTo(7 / 9, 12);
  });
});

describe('blockingRecall', () => {
  it('counts the true pairs sharing a key of a block within the size limit, overall and per rule', () => {
    const person = new Map([['a', 'P'], ['b', 'P'], ['c', 'P'], ['d', 'Q'], ['e', 'Q'], ['f', 'R']]);
    const keys = new Map([
      ['a', ['dob:1', 'name:x']],
      ['b', ['dob:1']],
      ['c', ['name:y']],
      ['d', ['name:big']],
      ['e', ['name:big']],
      ['f', ['name:big']],
    ]);
    const rule = (key: string) => key.slice(0, key.indexOf(':'));
    // P: a–b share dob:1, a–c and b–c share nothing; Q: d–e share a block of 3, over the limit of 2.
    expect(blockingRecall(person, keys, rule, 2)).toEqual({
      truePairs: 4,
      compared: 1,
      recall: 0.25,
      byRule: [{ rule: 'dob', compared: 1, recall: 0.25 }],
    });
    expect(blockingRecall(person, keys, rule, 3).compared).toBe(2);
  });
});
