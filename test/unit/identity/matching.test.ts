import { FIELD_LEVELS, compareRecords, jaroWinkler, oneEditApart, prepareRecord, surnameCore, type MatchField } from '../../../src/identity/comparisons';
import { countTerms, fieldWeight, levelWeights, priorModel, type MatchModel } from '../../../src/identity/match-model';
import { normalizeAddress } from '../../../src/identity/normalize';
import { MATCH_FIELDS } from '../../../src/identity/comparisons';
import { blockingKeys, differentPeople, explainMatch, scorePair } from '../../../src/identity/probabilistic';
import { estimateModel } from '../../../src/identity/resolve';
import { defaultResolveConfig } from '../../../src/identity/resolve-config';
import { contact } from './builders';

type Fields = Parameters<typeof contact>[1];

/** The level (in words) of one field when two contacts are compared. */
function levelOf(field: MatchField, a: Fields, b: Fields): string | undefined {
  const levels = compareRecords(prepareRecord(contact('A', a)), prepareRecord(contact('B', b)));
  const level = levels[MATCH_FIELDS.indexOf(field)]!;
  return level < 0 ? undefined : FIELD_LEVELS[field][level];
}

describe('string measures', () => {
  it.each([
    ['martha', 'marhta', 0.961],
    ['dwayne', 'duane', 0.84],
    ['dixon', 'dicksonx', 0.813],
    ['abc', 'xyz', 0],
  ])('Jaro–Winkler of %s and %s is %s', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
  });

  it.each([
    ['2261', '2266', true], // one substitution
    ['3055', '3505', true], // adjacent characters swapped
    ['3055', '3550', false], // not one edit: the over-merge
    ['19560409', '1956049', true], // one deleted
    ['2261', '2261', false],
  ])('%s and %s one edit apart: %s', (a, b, expected) => {
    expect(oneEditApart(a, b)).toBe(expected);
  });
});

describe('comparison levels', () => {
  it.each([
    ['1980-05-01', '1980-05-01', 'exact'],
    ['1956-04-09', '1986-04-09', 'one digit mistyped'], // a generation apart by one keystroke
    ['1980-05-01', '1980-01-05', 'day and month swapped'],
    ['1980-05-01', '1980-05-25', 'within a month'],
    ['1980-05-01', '1980-11-20', 'within a year'],
    ['1980-05-01', '1975-11-23', 'different'],
    ['1980-05-01', '1948-06-01', '10+ years apart'],
  ])('birth dates %s and %s: %s', (a, b, expected) => {
    expect(levelOf('birthDate', { birthDate: a }, { birthDate: b })).toBe(expected);
  });

  it('reads postal codes one keystroke apart as a typo, and a rotated one as different', () => {
    expect(levelOf('postalCode', { postalCode: '2261' }, { postalCode: '2266' })).toBe('one character mistyped');
    expect(levelOf('postalCode', { postalCode: '3055' }, { postalCode: '3550' })).toBe('different');
    expect(levelOf('postalCode', { postalCode: 'sw1a 1aa' }, { postalCode: 'SW1A1AA' })).toBe('exact');
  });

  it('compares addresses after normalising case, punctuation and abbreviations, then by number and words', () => {
    expect(normalizeAddress(' 12  Park St.', 'Flat 2')).toBe('12 park street flat 2');
    expect(levelOf('address', { addressLine1: '12 Park Street' }, { addressLine1: '12 PARK ST' })).toBe('exact');
    expect(levelOf('address', { addressLine1: '12 Park Street' }, { addressLine1: '12 Prak Street' })).toBe('same number, street alike');
    expect(levelOf('address', { addressLine1: '12 Park Street' }, { addressLine1: '40 Park Street' })).toBe('some words in common');
    expect(levelOf('address', { addressLine1: '12 Park Street' }, { addressLine1: '7 Mill Lane' })).toBe('different');
  });

  it('compares names in their better order and surnames without particles', () => {
    const swapped = compareRecords(
      prepareRecord(contact('A', { firstName: 'Smith', lastName: 'John' })),
      prepareRecord(contact('B', { firstName: 'John', lastName: 'Smith' })),
    );
    expect([swapped[0], swapped[1]]).toEqual([0, 0]);
    expect(levelOf('lastName', { lastName: 'van der Velden' }, { lastName: 'van der Laan' })).toBe('different');
    expect(levelOf('lastName', { lastName: 'van der Velden' }, { lastName: 'Velden' })).toBe('exact');
  });

  it('reads a mangled email as similar, but differing digits as another account', () => {
    expect(levelOf('email', { email: 'anna.smith84@mail.com' }, { email: 'anna.smtih84@mail.com' })).toMatch(/^similar/);
    expect(levelOf('email', { email: 'anna.smith84@mail.com' }, { email: 'anna.smith85@mail.com' })).toBe('different');
  });

  it.each([
    ['van der velden', 'velden'],
    ["van 't hof", 'hof'],
    ['de la cruz', 'cruz'],
    ['kowalski', 'kowalski'],
    ['de', 'de'], // only a particle: kept
  ])('the core of %s is %s', (surname, core) => {
    expect(surnameCore(surname)).toBe(core);
  });
});

describe('blocking', () => {
  it('keys a record by birth date, order-free name, postal code with initial, email prefix, surname with birth year, name prefixes and street number', () => {
    const r = contact('A', {
      firstName: 'Smith',
      lastName: 'Anna',
      birthDate: '1985-02-14',
      postalCode: '10115',
      email: 'anna.smith@mail.de',
      addressLine1: '12 Park St',
    });
    expect(blockingKeys(r, defaultResolveConfig().matching.blocking)).toEqual([
      'dob:19850214',
      'name:anna|smith',
      'pc:10115|s',
      'pc:10115|a',
      'em:anna.sm',
      'sy:anna|1985',
      'np:ann|smi',
      'st:12|park',
    ]);
  });
});

describe('the match model', () => {
  const smiths = Array.from({ length: 60 }, (_, i) => contact(`S${i}`, { firstName: `P${i}`, lastName: 'Smith', birthDate: `19${50 + (i % 40)}-01-0${1 + (i % 9)}` }));
  const zzyzx = contact('Z1', { firstName: 'Ann', lastName: 'Zzyzx' });

  it('weighs an exact match on a common surname less than on a rare one (term frequency)', () => {
    const model = estimateModel([...smiths, zzyzx, contact('Z2', { firstName: 'Bo', lastName: 'Zzyzx' })], defaultResolveConfig());
    const weights = levelWeights(model);
    const last = MATCH_FIELDS.indexOf('lastName');
    const smith = fieldWeight(model, weights, last, 0, prepareRecord(smiths[0]!));
    const rare = fieldWeight(model, weights, last, 0, prepareRecord(zzyzx));
    expect(rare).toBeGreaterThan(smith + 3);
  });

  it('estimates m by expectation maximisation: typos in first names become part of what one person looks like', () => {
    // 200 people with two records each; one record in four has its first name mistyped.
    const records = Array.from({ length: 200 }, (_, i) => {
      const first = `name${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i * 7) % 26))}x`;
      const fields = { lastName: `family${i}`, birthDate: `19${40 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`, postalCode: `P${i}` };
      return [
        contact(`A${i}`, { firstName: first, ...fields }),
        contact(`B${i}`, { firstName: i % 4 === 0 ? `${first.slice(0, -1)}q` : first, ...fields }),
      ];
    }).flat();
    const config = defaultResolveConfig();
    config.matching.estimation.randomPairs = 5_000; // a sample, as at scale: keeps the test quick
    const model = estimateModel(records, config);
    const [exact, similar] = model.fields.firstName.m;
    expect(exact).toBeGreaterThan(0.65);
    expect(exact).toBeLessThan(0.85);
    expect(similar).toBeGreaterThan(0.15);
    // u from random pairs: different people almost never share a birth date.
    expect(model.fields.birthDate.u[0]).toBeLessThan(0.01);
  });

  it('explains a score field by field in words, with the probability and the threshold', () => {
    const model: MatchModel = priorModel();
    const s = scorePair(
      prepareRecord(contact('A', { firstName: 'Jon', lastName: 'Smith', birthDate: '1980-05-01', postalCode: '2261' })),
      prepareRecord(contact('B', { firstName: 'John', lastName: 'Smith', birthDate: '1980-05-01', postalCode: '2266' })),
      model,
    );
    expect(s.comparisons.map((c) => [c.field, c.label])).toEqual([
      ['firstName', 'similar (Jaro–Winkler ≥ 0.92)'],
      ['lastName', 'exact'],
      ['birthDate', 'exact'],
      ['postalCode', 'one character mistyped'],
    ]);
    expect(explainMatch(s, 0.95)).toMatch(
      /^prior -13\.3 bits; first name: similar \(Jaro–Winkler ≥ 0\.92\), \+\d+\.\d bits \(for the same person\); last name: exact, .*; total \d+\.\d bits = match probability 0\.\d+ [≥<] 0\.95$/,
    );
  });
});

describe('clearly different people', () => {
  const model = priorModel();
  model.termFrequencies = countTerms([]);
  const weights = levelWeights(model);
  const below = defaultResolveConfig().matching.differentPeopleBelow;
  const john = prepareRecord(contact('J', { firstName: 'John', lastName: 'Smith', birthDate: '1971-03-02' }));
  const test = (other: Fields) => differentPeople(john, prepareRecord(contact('X', other)), model, weights, below);

  it('holds for another given name and birth date', () => {
    expect(test({ firstName: 'Mary', lastName: 'Smith', birthDate: '1974-11-20' })).toMatchObject({ reason: 'given-names' });
  });

  it('holds for one name a generation apart (father and son)', () => {
    expect(test({ firstName: 'John', lastName: 'Smith', birthDate: '1948-06-01' })).toMatchObject({ reason: 'generations' });
  });

  it.each([
    ['a birth year keyed wrong', { firstName: 'John', lastName: 'Smith', birthDate: '1941-03-02' }],
    ['a misspelt given name', { firstName: 'Jon', lastName: 'Smith', birthDate: '1971-03-12' }],
    ['a changed surname', { firstName: 'John', lastName: 'Miller', birthDate: '1970-01-01' }],
    ['a nickname with the same birth date', { firstName: 'Jack', lastName: 'Smith', birthDate: '1971-03-02' }],
    ['swapped names', { firstName: 'Smith', lastName: 'John', birthDate: '1972-09-09' }],
    ['no last name', { firstName: 'Mary', birthDate: '1974-11-20' }],
  ])('does not hold for %s', (_, other) => {
    expect(test(other)).toBeUndefined();
  });
});
