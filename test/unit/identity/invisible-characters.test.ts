import { normalizeEmail, normalizeIdentifier, normalizeOpaqueId, normalizePhone } from '../../../src/identity/normalize';
import { normaliseSuppressed } from '../../../src/privacy';

// Unicode format characters (category Cf) show as nothing, so `ana@example.net` followed by a
// zero-width space looks like the same email and must be the same email: in resolution,
// `findCustomer` and the suppression list alike.
const INVISIBLE = {
  'zero-width space': '\u200b',
  'zero-width non-joiner': '\u200c',
  'zero-width joiner': '\u200d',
  'word joiner': '\u2060',
  'byte-order mark': '\ufeff',
  'soft hyphen': '\u00ad',
  'left-to-right mark': '\u200e',
  'right-to-left mark': '\u200f',
  'right-to-left override': '\u202e',
  'first strong isolate': '\u2068',
  'Arabic letter mark': '\u061c',
};

describe.each(Object.entries(INVISIBLE))('a %s', (_name, invisible) => {
  it('is no part of an email, wherever it sits', () => {
    expect(normalizeEmail(`ana.lima@example.net${invisible}`)).toBe('ana.lima@example.net');
    expect(normalizeEmail(`${invisible}Ana${invisible}.Lima@Exam${invisible}ple.net`)).toBe('ana.lima@example.net');
  });

  it('is no part of a phone number, loyalty id, web user id or card token', () => {
    expect(normalizePhone(`020 7946${invisible} 0958`, 'GB', 'GB')).toBe('+442079460958');
    expect(normalizeOpaqueId(`L-77${invisible}`)).toBe('L-77');
    for (const type of ['loyaltyId', 'webUserId', 'cardToken'] as const) {
      expect(normalizeIdentifier(type, `${invisible}tok_9`, { defaultCountry: 'GB' })).toBe('tok_9');
    }
  });

  it('is no part of what the suppression list hashes', () => {
    expect(normaliseSuppressed('email', `ana.lima@example.net${invisible}`)).toBe('ana.lima@example.net');
    expect(normaliseSuppressed('crmContactId', `C1${invisible}`)).toBe('C1');
    expect(normaliseSuppressed('webVisitorId', `${invisible}v-42`)).toBe('v-42');
  });
});

it('leaves an identifier made only of invisible characters absent', () => {
  expect(normalizeEmail('\u200b')).toBeUndefined();
  expect(normalizeOpaqueId('\u200b\ufeff')).toBeUndefined();
});
