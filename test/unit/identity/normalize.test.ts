import {
  DEFAULT_PLACEHOLDERS,
  isPlaceholder,
  normalizeEmail,
  normalizeIdentifier,
  normalizeName,
  normalizeNamePart,
  normalizePhone,
  normalizePostalCode,
} from '../../../src/identity/normalize';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM \t')).toBe('jane.doe@example.com');
    expect(normalizeEmail('JANE@SHOP.DE')).toBe('jane@shop.de');
  });

  it('treats blank and address-less values as absent', () => {
    expect(normalizeEmail(undefined)).toBeUndefined();
    expect(normalizeEmail('   ')).toBeUndefined();
    expect(normalizeEmail('matthbw78eallard-mcdonald.net')).toBeUndefined();
    expect(normalizeEmail('jane doe@example.com')).toBeUndefined();
    expect(normalizeEmail('a@b@c')).toBeUndefined();
  });

  it('leaves Gmail dots and plus tags alone by default', () => {
    expect(normalizeEmail('J.Doe+shop@Gmail.com')).toBe('j.doe+shop@gmail.com');
  });

  it('applies the Gmail dot/plus rule only when asked, and only to Gmail', () => {
    const options = { gmailDotPlusRule: true };
    expect(normalizeEmail('J.Doe+shop@Gmail.com', options)).toBe('jdoe@gmail.com');
    expect(normalizeEmail('j.doe@googlemail.com', options)).toBe('jdoe@gmail.com');
    expect(normalizeEmail('j.doe+x@outlook.com', options)).toBe('j.doe+x@outlook.com');
  });
});

describe('normalizePhone', () => {
  it.each([
    // GB: national with trunk 0, E.164, international with (0), 00 prefix, spaces and brackets
    ['020 7946 0958', 'GB', '+442079460958'],
    ['(020) 7946-0958', 'GB', '+442079460958'],
    ['+44 20 7946 0958', 'GB', '+442079460958'],
    ['+44 (0)20 7946 0958', 'GB', '+442079460958'],
    ['0044 20 7946 0958', 'GB', '+442079460958'],
    ['07911 123456', 'GB', '+447911123456'],
    // US: brackets, dashes, leading 1
    ['(415) 555-2671', 'US', '+14155552671'],
    ['415.555.2671', 'US', '+14155552671'],
    ['1 415 555 2671', 'US', '+14155552671'],
    ['+1 415-555-2671', 'US', '+14155552671'],
    // DE: trunk 0, E.164
    ['030 1234567', 'DE', '+49301234567'],
    ['+49 30 1234567', 'DE', '+49301234567'],
    ['0151 23456789', 'DE', '+4915123456789'],
    // FR: pairs of digits with trunk 0
    ['01 23 45 67 89', 'FR', '+33123456789'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['+33 6 12 34 56 78', 'FR', '+33612345678'],
    // NL
    ['020 123 4567', 'NL', '+31201234567'],
    ['06-12345678', 'NL', '+31612345678'],
    ['+31 6 12345678', 'NL', '+31612345678'],
  ])('%s in %s → %s', (raw, country, expected) => {
    expect(normalizePhone(raw, country, 'GB')).toBe(expected);
  });

  it('reads national numbers in the default country when the record has none', () => {
    expect(normalizePhone('030 1234567', undefined, 'DE')).toBe('+49301234567');
    expect(normalizePhone('030 1234567', '', 'DE')).toBe('+49301234567');
  });

  it("prefers the record's country to the default", () => {
    expect(normalizePhone('020 123 4567', 'nl', 'GB')).toBe('+31201234567');
  });

  it('keeps the country written in an international number', () => {
    expect(normalizePhone('+33 6 12 34 56 78', 'GB', 'GB')).toBe('+33612345678');
  });

  it.each([
    ['not a phone', 'GB'],
    ['', 'GB'],
    ['12', 'US'],
    ['0000000000', 'GB'],
    ['1234567890', 'US'],
    ['7946 0958', 'GB'], // too short once the area code is missing
    ['+99 123 456', 'GB'], // no such country code
  ])('%j in %s is not a valid phone', (raw, country) => {
    expect(normalizePhone(raw, country, 'GB')).toBeUndefined();
  });

  it('ignores an unknown country code rather than failing', () => {
    expect(normalizePhone('020 7946 0958', 'XX', 'GB')).toBe('+442079460958');
  });
});

describe('normalizeName', () => {
  it('trims, collapses inner spaces and lower-cases, keeping accents', () => {
    expect(normalizeName('  José  ', '  García   Márquez ')).toEqual({
      first: 'josé',
      last: 'garcía márquez',
      full: 'josé garcía márquez',
    });
  });

  it('composes to NFC so decomposed and composed accents compare equal', () => {
    const decomposed = 'Zoe\u0301'; // e + combining acute
    expect(normalizeNamePart(decomposed)).toBe('zo\u00e9');
    expect(normalizeNamePart(decomposed)).toBe(normalizeNamePart('ZOÉ'));
  });

  it('gives a full name only when first and last are both present', () => {
    expect(normalizeName('Ann', undefined)).toEqual({ first: 'ann' });
    expect(normalizeName('  ', 'Lee')).toEqual({ last: 'lee' });
    expect(normalizeName(null, null)).toEqual({});
  });
});

describe('normalizePostalCode', () => {
  it('upper-cases and removes every space', () => {
    expect(normalizePostalCode(' sw1a  1aa ')).toBe('SW1A1AA');
    expect(normalizePostalCode('1012 ab')).toBe('1012AB');
    expect(normalizePostalCode('75008')).toBe('75008');
  });

  it('treats blank as absent', () => {
    expect(normalizePostalCode('   ')).toBeUndefined();
    expect(normalizePostalCode(undefined)).toBeUndefined();
  });
});

describe('normalizeIdentifier', () => {
  it('normalises each type the way resolve does, for findCustomer(by:)', () => {
    expect(normalizeIdentifier('email', ' A@B.COM ', { defaultCountry: 'GB' })).toBe('a@b.com');
    expect(normalizeIdentifier('phone', '020 7946 0958', { defaultCountry: 'GB' })).toBe('+442079460958');
    expect(normalizeIdentifier('phone', '030 1234567', { country: 'DE', defaultCountry: 'GB' })).toBe('+49301234567');
    expect(normalizeIdentifier('loyaltyId', ' L-001 ', { defaultCountry: 'GB' })).toBe('L-001');
    expect(normalizeIdentifier('cardToken', '   ', { defaultCountry: 'GB' })).toBeUndefined();
  });
});

describe('isPlaceholder', () => {
  it.each(['test@test.com', 'noemail@shop.com', 'NoEmail@anything.org', 'none@none.com', 'x@example.com', 'no-reply@brand.de'])(
    'email %s is a placeholder',
    (email) => {
      expect(isPlaceholder('email', email)).toBe(true);
    },
  );

  it.each(['jane@shop.com', 'testing.person@mail.com', 'nonesuch@mail.com'])('email %s is real', (email) => {
    expect(isPlaceholder('email', email)).toBe(false);
  });

  it.each(['0000000000', '1234567890', '+441111111111', '+449999999999', '+33123456789'.replace('123456789', '987654321'), '555555'])(
    'phone %s is a placeholder',
    (phone) => {
      expect(isPlaceholder('phone', phone)).toBe(true);
    },
  );

  it.each(['+442079460958', '+14155552671', '+4915123456789'])('phone %s is real', (phone) => {
    expect(isPlaceholder('phone', phone)).toBe(false);
  });

  it('treats "nothing" values as placeholders of any type', () => {
    expect(isPlaceholder('loyaltyId', 'N/A')).toBe(true);
    expect(isPlaceholder('cardToken', 'unknown')).toBe(true);
    expect(isPlaceholder('webUserId', 'u-123')).toBe(false);
  });

  it('follows a configured blocklist', () => {
    const rules = { ...DEFAULT_PLACEHOLDERS, emails: ['*@mailinator.com'], phoneRepeatedDigits: false };
    expect(isPlaceholder('email', 'anyone@mailinator.com', rules)).toBe(true);
    expect(isPlaceholder('email', 'test@test.com', rules)).toBe(false);
    expect(isPlaceholder('phone', '+442222222222', rules)).toBe(false);
  });
});
