import { parseRefKey, refKey } from '../../../src/identity/records';
import { contact, day, member, receipt, visitor } from './builders';

describe('record mappers', () => {
  it('maps a CRM contact with normalised identifiers and person attributes', () => {
    const r = contact('C1', {
      firstName: ' Zoë ',
      lastName: 'van  Dijk',
      email: ' Zoe@Mail.NL ',
      phone: '06-12345678',
      country: 'NL',
      postalCode: '1012 ab',
      birthDate: '1990-04-01',
      loyaltyId: ' L9 ',
    });
    expect(r.ref).toEqual({ source: 'crm', kind: 'contact', id: 'C1' });
    expect(r.identifiers).toEqual([
      { type: 'email', value: 'zoe@mail.nl' },
      { type: 'phone', value: '+31612345678' },
      { type: 'loyaltyId', value: 'L9' },
    ]);
    expect(r).toMatchObject({ firstName: 'zoë', lastName: 'van dijk', postalCode: '1012AB', birthDate: '1990-04-01', country: 'NL' });
  });

  it('drops identifiers that do not normalise', () => {
    const r = contact('C2', { email: 'not-an-email', phone: '12' });
    expect(r.identifiers).toEqual([]);
  });

  it('maps a POS member to its own loyalty id plus contact details', () => {
    const r = member('L1', { email: 'A@B.com', phone: '+44 20 7946 0958', firstName: 'Ann', lastName: 'Lee' });
    expect(r.ref).toEqual({ source: 'pos', kind: 'member', id: 'L1' });
    expect(r.identifiers).toEqual([
      { type: 'loyaltyId', value: 'L1' },
      { type: 'email', value: 'a@b.com' },
      { type: 'phone', value: '+442079460958' },
    ]);
    expect(r.birthDate).toBeUndefined();
  });

  it('gives a web visitor every userId and email of its sessions, de-duplicated', () => {
    const r = visitor('V1', { userIds: ['u2', 'u1'], emails: ['Ann@B.com', 'ann@b.com '], firstSeenAt: day(5) });
    expect(r.identifiers).toEqual([
      { type: 'webUserId', value: 'u1' },
      { type: 'webUserId', value: 'u2' },
      { type: 'email', value: 'ann@b.com' },
    ]);
    expect(r.createdAt).toEqual(day(5));
  });

  it('maps a receipt to its loyalty id, card token and receipt email', () => {
    const r = receipt('T1', { loyaltyId: 'L1', cardToken: 'tok_9', receiptEmail: 'A@B.COM' });
    expect(r.ref).toEqual({ source: 'pos', kind: 'transaction', id: 'T1' });
    expect(r.identifiers).toEqual([
      { type: 'loyaltyId', value: 'L1' },
      { type: 'cardToken', value: 'tok_9' },
      { type: 'email', value: 'a@b.com' },
    ]);
  });

  it('round-trips record keys, ids with colons included', () => {
    const ref = { source: 'web', kind: 'visitor', id: 'cookie:abc:1' } as const;
    expect(parseRefKey(refKey(ref))).toEqual(ref);
    expect(() => parseRefKey('crm-contact-1')).toThrow(/Not a record key/);
  });
});
