import { clearlyDifferentPeople, compareBirthDates, compareFullNames } from '../../../src/identity/compare';
import { blockingKeys, explainScore, scorePair, surnameCore } from '../../../src/identity/fuzzy';
import { defaultResolveConfig } from '../../../src/identity/resolve-config';
import { contact } from './builders';

describe('compareBirthDates', () => {
  it.each([
    ['1980-05-01', '1980-05-01', 'same'],
    ['1980-05-01', '1981-05-01', 'near'], // one part keyed wrong
    ['1980-05-01', '1980-01-05', 'near'], // day and month swapped
    ['1980-05-01', '1975-11-23', 'different'],
    ['1980-05-01', undefined, 'unknown'],
  ])('%s vs %s is %s', (a, b, expected) => {
    expect(compareBirthDates(a, b)).toBe(expected);
  });
});

describe('compareFullNames', () => {
  it('notices first and last name entered the other way round', () => {
    const result = compareFullNames({ firstName: 'smith', lastName: 'john' }, { firstName: 'john', lastName: 'smith' });
    expect(result).toEqual({ similarity: 1, swapped: true });
  });

  it('needs a full name on both sides', () => {
    expect(compareFullNames({ firstName: 'john' }, { firstName: 'john', lastName: 'smith' })).toBeUndefined();
  });
});

describe('clearlyDifferentPeople', () => {
  const t = defaultResolveConfig().similarNamesFrom;
  const john = { firstName: 'john', lastName: 'smith', birthDate: '1971-03-02' };

  it('holds for different given names and birth dates', () => {
    expect(clearlyDifferentPeople(john, { firstName: 'mary', lastName: 'smith', birthDate: '1974-11-20' }, t)).toMatchObject({
      birthDates: ['1971-03-02', '1974-11-20'],
    });
  });

  it('holds for slightly different given names with phones of their own', () => {
    const julia = { firstName: 'julia', lastName: 'berg', phones: ['+31612653652'] };
    expect(clearlyDifferentPeople(julia, { firstName: 'julian', lastName: 'berg', phones: ['+31612360602'] }, t)).toMatchObject({
      reason: 'own-phones',
    });
    expect(clearlyDifferentPeople(julia, { firstName: 'julian', lastName: 'berg', phones: ['+31612653652'] }, t)).toBeUndefined();
    expect(clearlyDifferentPeople(julia, { firstName: 'julian', lastName: 'berg' }, t)).toBeUndefined();
    expect(clearlyDifferentPeople(julia, { firstName: 'julia', lastName: 'berg', phones: ['+31612360602'] }, t)).toBeUndefined();
  });

  it('holds for people a generation apart, even with one name', () => {
    const ariane = { firstName: 'ariane', lastName: 'dietz', birthDate: '1995-08-17' };
    expect(clearlyDifferentPeople(ariane, { firstName: 'adelina', lastName: 'dietz', birthDate: '1954-12-09' }, t)).toMatchObject({
      reason: 'generations',
    });
    expect(clearlyDifferentPeople(ariane, { firstName: 'ariana', lastName: 'dietz', birthDate: '1992-08-17' }, t)).toBeUndefined();
    expect(clearlyDifferentPeople(ariane, { firstName: 'ariane', lastName: 'dietz', birthDate: '1964-12-09' }, t)).toMatchObject({
      reason: 'generations',
    });
  });

  it('holds when one birth date is unknown (a POS member has none)', () => {
    expect(clearlyDifferentPeople(john, { firstName: 'mary', lastName: 'smith' }, t)).toBeDefined();
  });

  it.each([
    ['a misspelt given name', { firstName: 'jon', lastName: 'smith', birthDate: '1971-03-12' }],
    ['a changed surname', { firstName: 'john', lastName: 'miller', birthDate: '1970-01-01' }],
    ['a nickname with the same birth date', { firstName: 'jack', lastName: 'smith', birthDate: '1971-03-02' }],
    ['swapped names', { firstName: 'smith', lastName: 'john', birthDate: '1972-09-09' }],
    ['no last name', { firstName: 'mary', birthDate: '1974-11-20' }],
  ])('does not hold for %s', (_, other) => {
    expect(clearlyDifferentPeople(john, other, t)).toBeUndefined();
  });
});

describe('fuzzy scoring', () => {
  const config = defaultResolveConfig().fuzzy;

  it('scores each field and sums the weights', () => {
    const a = contact('A', { firstName: 'Anna', lastName: 'Kowalski', birthDate: '1985-02-14', postalCode: '10115' });
    const b = contact('B', { firstName: 'Anna', lastName: 'Kowalsky', birthDate: '1985-02-14', postalCode: '10117' });
    const s = scorePair(a, b, config);
    expect(s.fields.map((f) => [f.field, f.level, f.weight])).toEqual([
      ['firstName', 'exact', 3],
      ['lastName', 'close', 2.5],
      ['birthDate', 'exact', 4],
      ['postalCode', 'close', 1],
    ]);
    expect(s.score).toBe(10.5);
    expect(s.matched).toBe(true);
    expect(explainScore(s)).toMatch(/^firstName exact \(\+3\), lastName close 0\.\d+ \(\+2\.5\), .* = 10\.5 ≥ 6\.5$/);
  });

  it('needs a birth date or postal code to agree, however close the name and email', () => {
    // Two people of one name: handles are built from names, so the emails look alike too.
    const a = contact('A', { firstName: 'Amber', lastName: 'van den Velde', email: 'amber.vandenvelde@kpn.nl', postalCode: '8492 XY' });
    const b = contact('B', { firstName: 'Amber', lastName: 'van der Velden', email: 'amber.vandervelden@kpn.nl', postalCode: '4982 XP' });
    const s = scorePair(a, b, config);
    expect(s.score).toBeGreaterThanOrEqual(config.threshold);
    expect(s).toMatchObject({ corroborated: false, matched: false });
    expect(explainScore(s)).toMatch(/≥ 6\.5, not corroborated$/);
    const sameArea = contact('C', { firstName: 'Amber', lastName: 'van der Velden', email: 'amber.vandervelden@kpn.nl', postalCode: '8492XY' });
    expect(scorePair(a, sameArea, config)).toMatchObject({ corroborated: true, matched: true });
  });

  it('compares surnames without their particles', () => {
    // Two people of the 100k demo data set that a shared "van der" once merged.
    const a = contact('A', { firstName: 'Max', lastName: 'van der Velden', birthDate: '1955-08-12', postalCode: '2794HX', email: 'max.vandervelden@kpnmail.nl' });
    const b = contact('B', { firstName: 'Max', lastName: 'van der Laan', birthDate: '1955-12-08', postalCode: '9889CA', email: 'max.vanderlaan@ziggo.nl' });
    const s = scorePair(a, b, config);
    expect(s.fields.find((f) => f.field === 'lastName')).toMatchObject({ a: 'van der velden', b: 'van der laan', level: 'different' });
    expect(s.matched).toBe(false);
    // The particle written or left out is the same surname.
    const written = contact('C', { firstName: 'Max', lastName: 'Velden', birthDate: '1955-08-12' });
    expect(scorePair(a, written, config).fields.find((f) => f.field === 'lastName')).toMatchObject({ level: 'exact' });
  });

  it.each([
    ['van der velden', 'velden'],
    ["van 't hof", 'hof'],
    ['de la cruz', 'cruz'],
    ['von der leyen', 'leyen'],
    ['kowalski', 'kowalski'],
    ['de', 'de'], // only a particle: kept
    ['le', 'le'],
  ])('the core of %s is %s', (surname, core) => {
    expect(surnameCore(surname)).toBe(core);
  });

  it('adds nothing for a missing field and does not match on a name alone', () => {
    const a = contact('A', { firstName: 'Anna', lastName: 'Kowalski' });
    const b = contact('B', { firstName: 'Anna', lastName: 'Kowalski', birthDate: '1985-02-14' });
    const s = scorePair(a, b, config);
    expect(s.fields.map((f) => f.field)).toEqual(['firstName', 'lastName']);
    expect(s.matched).toBe(false);
  });

  it('blocks on birth date, order-free full name, postal code with initial, and email prefix', () => {
    const r = contact('A', { firstName: 'Smith', lastName: 'Anna', birthDate: '1985-02-14', postalCode: '10115', email: 'anna.smith@mail.de' });
    expect(blockingKeys(r, config.blocking)).toEqual(['dob:1985-02-14', 'name:anna|smith', 'pc:10115|s', 'pc:10115|a', 'em:anna.sm']);
  });

  it('reads a mangled email as close, but differing digits as another account', () => {
    const a = contact('A', { firstName: 'Anna', email: 'anna.smith84@mail.com' });
    const typo = contact('B', { firstName: 'Anna', email: 'anna.smtih84@mail.com' });
    const other = contact('C', { firstName: 'Anna', email: 'anna.smith85@mail.com' });
    const email = (x: typeof a, y: typeof a) => scorePair(x, y, config).fields.find((f) => f.field === 'email')!;
    expect(email(a, typo).level).toBe('close');
    expect(email(a, other)).toMatchObject({ level: 'different', weight: config.weights.email.different });
  });
});
