import { foldText, foldWords } from '../../../../src/identity/search/fold';
import { matchName, matchTerm, parseSearchQuery, planLookups } from '../../../../src/identity/search/query';
import { searchTermsOf } from '../../../../src/identity/search/terms';
import { typoVariants, withinOneTypo } from '../../../../src/identity/search/typos';
import type { IdentityRecord } from '../../../../src/identity/records';

const record = (fields: Partial<IdentityRecord>): IdentityRecord => ({
  ref: { source: 'crm', kind: 'contact', id: 'C1' },
  identifiers: [],
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  ...fields,
});

describe('folding', () => {
  it('drops accents, case and apostrophes, and splits on other punctuation', () => {
    expect(foldText('Bräutigam')).toBe('brautigam');
    expect(foldText("Ó'Brien-Smith  ÉLODIE")).toBe('obrien smith elodie');
    expect(foldText('Straße Ørsted Łukasz')).toBe('strasse orsted lukasz');
    expect(foldText('Дмитрий')).toBe('дмитрии');
  });

  it('keeps where each word came from, so a folded prefix highlights the written letters', () => {
    const [word] = foldWords('  Müller');
    expect(word).toMatchObject({ word: 'muller', start: 2, end: 8 });
    // The folded "mu" ends after the written "Mü".
    expect(word!.sourceEndOf[1]).toBe(4);
    const [strasse] = foldWords('straße');
    expect(strasse!.word).toBe('strasse');
    expect(strasse!.sourceEndOf).toEqual([1, 2, 3, 4, 5, 5, 6]);
  });
});

describe('typos', () => {
  it('accepts one letter left out, added, replaced or two swapped', () => {
    expect(withinOneTypo('smith', 'smth')).toBe(true);
    expect(withinOneTypo('smith', 'smiith')).toBe(true);
    expect(withinOneTypo('smith', 'smyth')).toBe(true);
    expect(withinOneTypo('smith', 'smtih')).toBe(true);
    expect(withinOneTypo('smith', 'smyht')).toBe(false);
    expect(withinOneTypo('smith', 'mitt')).toBe(false);
  });

  it('generates every word one typo away, which the index looks up', () => {
    const variants = new Set(typoVariants('smtih'));
    expect(variants.has('smith')).toBe(true);
    expect(variants.has('smtih')).toBe(false);
    for (const variant of variants) expect(withinOneTypo('smtih', variant)).toBe(true);
  });
});

describe('terms of a customer', () => {
  const records = [
    record({
      firstName: 'aliyah',
      lastName: 'bräutigam',
      postalCode: 'SW1A1AA',
      identifiers: [
        { type: 'email', value: 'aliyah_brautigam@web.de' },
        { type: 'phone', value: '+4915125915378' },
        { type: 'loyaltyId', value: 'L5819679456' },
      ],
    }),
    record({ ref: { source: 'pos', kind: 'member', id: 'L5819679456' }, firstName: 'aliyah', lastName: 'braeutigam' }),
  ];
  const terms = new Map(searchTermsOf('cus_1', records).map((doc) => [doc.t, doc]));

  it('indexes name words by their prefixes and whole, folded, with the name they came from', () => {
    expect(terms.get('n:br')).toMatchObject({ c: 'cus_1', r: 7, v: 'aliyah bräutigam', _id: 'cus_1|n:br' });
    expect(terms.get('n:brauti')).toMatchObject({ r: 3 });
    expect(terms.get('n:brautigam')).toMatchObject({ r: 0 });
    expect(terms.get('n:braeutigam')).toMatchObject({ r: 0, v: 'aliyah braeutigam' });
    expect(terms.has('n:brautig')).toBe(false);
    expect(terms.has('n:b')).toBe(false);
  });

  it('indexes pairs of a whole word and a prefix of another, in both orders', () => {
    expect(terms.get('nn:aliyah b')).toMatchObject({ r: 8 });
    expect(terms.get('nn:aliyah bra')).toMatchObject({ r: 6 });
    expect(terms.get('nn:aliyah brautigam')).toMatchObject({ r: 0 });
    expect(terms.get('nn:brautigam ali')).toMatchObject({ r: 3 });
    expect(terms.get('np:ali bra')).toMatchObject({ r: 0 });
    expect(terms.get('np:bra ali')).toMatchObject({ r: 0 });
  });

  it('indexes emails by prefix, and phones, postcodes and loyalty ids whole', () => {
    expect(terms.get('e:aliyah')).toMatchObject({ r: 17, v: 'aliyah_brautigam@web.de' });
    expect(terms.get('e:aliyah_brautigam@web.de')).toMatchObject({ r: 0 });
    expect(terms.get('p:+4915125915378')).toMatchObject({ r: 0 });
    expect(terms.get('z:SW1A1AA')).toMatchObject({ r: 0 });
    expect(terms.get('l:l5819679456')).toMatchObject({ r: 0, v: 'L5819679456' });
  });
});

describe('queries', () => {
  it('reads a query as the identifiers it could be', () => {
    expect(parseSearchQuery('  Aliyah Bräutigam ')).toEqual({ words: ['aliyah', 'brautigam'], phones: [] });
    expect(parseSearchQuery('aliyah_b')).toEqual({ words: [], email: 'aliyah_b', phones: [] });
    expect(parseSearchQuery('smith')).toEqual({ words: ['smith'], email: 'smith', phones: [] });
    expect(parseSearchQuery('0151 25915378').phones).toContain('+4915125915378');
    expect(parseSearchQuery('+44 (0)20 7946 0958').phones).toEqual(['+442079460958']);
    expect(parseSearchQuery('sw1a 1aa')).toMatchObject({ words: [], postalCode: 'SW1A1AA' });
    expect(parseSearchQuery('L5819679456')).toMatchObject({ words: [], loyaltyId: 'l5819679456' });
  });

  it('looks up a pair for several words, and typo variants of words of four letters or more', () => {
    const lookups = planLookups(parseSearchQuery('jane smtih'));
    expect(lookups.map((l) => (l.terms.length === 1 ? l.terms[0] : `${l.terms.length} terms`))).toEqual([
      'nn:jane smt',
      expect.stringMatching(/^\d+ terms$/),
      expect.stringMatching(/^\d+ terms$/),
      'np:jan smt',
      'n:smtih',
    ]);
    expect(lookups.at(-1)).toMatchObject({ maxRead: 200, onlyIfNothingFound: true });
    expect(lookups[2]!.terms).toContain('nn:jane smith');
    expect(planLookups(parseSearchQuery('ja smith')).at(-1)).toMatchObject({ terms: ['n:smith'], maxRead: 200, onlyIfNothingFound: false });
  });

  it('matches every query word to a word of the name, and highlights what matched', () => {
    expect(matchName(['brau'], 'aliyah bräutigam')).toEqual({
      field: 'name',
      value: 'aliyah bräutigam',
      highlights: [{ start: 7, length: 4 }],
      fuzzy: false,
      score: expect.closeTo(90 * (0.7 + (0.2 * 4) / 9), 6),
    });
    expect(matchName(['aliyha', 'brautigam'], 'aliyah bräutigam')).toMatchObject({
      highlights: [{ start: 0, length: 6 }, { start: 7, length: 9 }],
      fuzzy: true,
      score: expect.closeTo(90 * 0.8, 6),
    });
    expect(matchName(['aliyah', 'brautigam'], 'aliyah bräutigam')!.score).toBe(90);
    expect(matchName(['ali', 'x'], 'aliyah bräutigam')).toBeUndefined();
    expect(matchName(['smi'], 'jane smyth')).toBeUndefined();
  });

  it('checks an entry against what was typed beyond its indexed prefix', () => {
    const query = parseSearchQuery('aliyah_brautigam@w');
    expect(matchTerm(query, { t: 'e:aliyah', v: 'aliyah_brautigam@web.de' })).toMatchObject({ field: 'email', highlights: [{ start: 0, length: 18 }] });
    expect(matchTerm(query, { t: 'e:aliyah', v: 'aliyah_b@web.de' })).toBeUndefined();
    expect(matchTerm(parseSearchQuery('aliyah_brautigam@web.de'), { t: 'e:aliyah', v: 'aliyah_brautigam@web.de' })!.score).toBe(100);
  });
});
