import { DEFAULT_INDEX_CONFIG, parseIndexConfig } from '../../../src/insights/config';
import { goldenProfile, profileRecords } from '../../../src/insights/profile';
import { contact, customer, daysBefore, member, visitor } from './builders';

const config = DEFAULT_INDEX_CONFIG;

describe('goldenProfile', () => {
  it('is all null for a customer without profile records', () => {
    const profile = goldenProfile(customer(), config);
    expect(Object.values(profile).every((attribute) => attribute === null)).toBe(true);
    expect(Object.keys(profile).sort()).toEqual(
      ['address', 'birthDate', 'country', 'email', 'emailOptIn', 'firstName', 'fullName', 'lastName', 'phone', 'postalCode', 'smsOptIn'].sort(),
    );
  });

  it('takes the most recently updated value, whatever its source, and lists the loser as a conflict', () => {
    const profile = goldenProfile(
      customer({
        crmContacts: [contact('C1', { email: 'old@mail.com', updatedAt: daysBefore(30) })],
        posMembers: [member('L1', { email: 'new@mail.com', updatedAt: daysBefore(10) })],
      }),
      config,
    );
    expect(profile.email).toEqual({
      value: 'new@mail.com',
      source: 'pos',
      recordId: 'L1',
      updatedAt: daysBefore(10),
      conflicts: [{ value: 'old@mail.com', source: 'crm', recordId: 'C1', updatedAt: daysBefore(30) }],
    });
  });

  it('breaks a tie in time by source priority crm > pos > web', () => {
    const at = daysBefore(5);
    const profile = goldenProfile(
      customer({
        webVisitors: [visitor('V1', at, 'web@mail.com')],
        posMembers: [member('L1', { email: 'pos@mail.com', updatedAt: at })],
        crmContacts: [contact('C1', { email: 'crm@mail.com', updatedAt: at })],
      }),
      config,
    );
    expect(profile.email?.value).toBe('crm@mail.com');
    expect(profile.email?.conflicts.map((c) => c.source)).toEqual(['pos', 'web']);

    const withoutCrm = goldenProfile(
      customer({
        webVisitors: [visitor('V1', at, 'web@mail.com')],
        posMembers: [member('L1', { email: 'pos@mail.com', updatedAt: at })],
      }),
      config,
    );
    expect(withoutCrm.email?.value).toBe('pos@mail.com');
  });

  it('breaks a tie in time and source by the smaller record id, in code-unit order', () => {
    const at = daysBefore(5);
    const profile = goldenProfile(
      customer({
        crmContacts: [
          contact('C10', { email: 'ten@mail.com', updatedAt: at }),
          contact('C9', { email: 'nine@mail.com', updatedAt: at }),
          contact('C1', { email: 'one@mail.com', updatedAt: at }),
        ],
      }),
      config,
    );
    // "C10" < "C9" as strings: ids are compared as text, not as numbers.
    expect(profile.email?.recordId).toBe('C1');
    expect(profile.email?.conflicts.map((c) => c.recordId)).toEqual(['C10', 'C9']);
  });

  it('follows a configured source priority', () => {
    const at = daysBefore(5);
    const posFirst = parseIndexConfig({ sourcePriority: ['pos', 'web', 'crm'] });
    const inputs = customer({
      crmContacts: [contact('C1', { email: 'crm@mail.com', updatedAt: at })],
      webVisitors: [visitor('V1', at, 'web@mail.com')],
    });
    expect(goldenProfile(inputs, posFirst).email?.value).toBe('web@mail.com');
  });

  it('lists each other distinct normalised value once, from its most recent holder', () => {
    const profile = goldenProfile(
      customer({
        crmContacts: [
          contact('C1', { email: ' Ana@Mail.com ', updatedAt: daysBefore(1) }),
          contact('C2', { email: 'ana@mail.com', updatedAt: daysBefore(2) }),
          contact('C3', { email: 'ana@work.com', updatedAt: daysBefore(3) }),
          contact('C4', { email: 'ANA@WORK.COM', updatedAt: daysBefore(4) }),
        ],
        posMembers: [member('L1', { email: 'a.s@mail.com', updatedAt: daysBefore(5) })],
      }),
      config,
    );
    expect(profile.email?.value).toBe('ana@mail.com');
    expect(profile.email?.recordId).toBe('C1');
    expect(profile.email?.conflicts).toEqual([
      { value: 'ana@work.com', source: 'crm', recordId: 'C3', updatedAt: daysBefore(3) },
      { value: 'a.s@mail.com', source: 'pos', recordId: 'L1', updatedAt: daysBefore(5) },
    ]);
  });

  it('skips records without a usable value, so an older one survives', () => {
    const profile = goldenProfile(
      customer({
        crmContacts: [
          contact('C1', { email: '   ', phone: '', updatedAt: daysBefore(1) }),
          contact('C0', { email: 'n/a', updatedAt: daysBefore(0.5) }),
          contact('C2', { email: 'ana@mail.com', updatedAt: daysBefore(50) }),
        ],
      }),
      config,
    );
    expect(profile.email?.recordId).toBe('C2');
    expect(profile.email?.conflicts).toEqual([]);
    expect(profile.phone).toBeNull();
  });

  it('builds the full name only from records holding both parts; the parts survive separately', () => {
    const profile = goldenProfile(
      customer({
        crmContacts: [contact('C1', { firstName: '  Ana  Maria ', lastName: 'Souza', updatedAt: daysBefore(20) })],
        posMembers: [member('L1', { firstName: 'Annie', updatedAt: daysBefore(2) })],
      }),
      config,
    );
    expect(profile.fullName).toMatchObject({ value: 'Ana Maria Souza', source: 'crm', recordId: 'C1', conflicts: [] });
    expect(profile.firstName).toMatchObject({ value: 'Annie', source: 'pos' });
    expect(profile.firstName?.conflicts.map((c) => c.value)).toEqual(['Ana Maria']);
    expect(profile.lastName).toMatchObject({ value: 'Souza', source: 'crm' });
  });

  it('compares names case-insensitively after NFC, keeping accents significant', () => {
    const decomposed = 'Jose\u0301'; // "José" with a combining accent
    const profile = goldenProfile(
      customer({
        crmContacts: [
          contact('C1', { firstName: decomposed, lastName: 'Silva', updatedAt: daysBefore(1) }),
          contact('C2', { firstName: 'JOSÉ', lastName: 'SILVA', updatedAt: daysBefore(2) }),
          contact('C3', { firstName: 'Jose', lastName: 'Silva', updatedAt: daysBefore(3) }),
        ],
      }),
      config,
    );
    expect(profile.fullName?.value).toBe('José Silva');
    expect(profile.fullName?.value).toBe('Jos\u00e9 Silva');
    expect(profile.fullName?.conflicts.map((c) => c.value)).toEqual(['Jose Silva']);
  });

  it('reads phones in E.164 with the record country and treats unparseable ones as absent', () => {
    const profile = goldenProfile(
      customer({
        crmContacts: [
          contact('C1', { phone: 'call me maybe', country: 'GB', updatedAt: daysBefore(1) }),
          contact('C2', { phone: '020 7946 0958', country: 'GB', updatedAt: daysBefore(2) }),
          contact('C3', { phone: '+44 (0)20 7946 0958', updatedAt: daysBefore(3) }),
          contact('C4', { phone: '06 12 34 56 78', country: 'FR', updatedAt: daysBefore(4) }),
          // A national number on a record without a country cannot be read: absent.
          contact('C5', { phone: '030 123456', updatedAt: daysBefore(0.5) }),
        ],
      }),
      config,
    );
    expect(profile.phone).toMatchObject({ value: '+442079460958', recordId: 'C2' });
    expect(profile.phone?.conflicts).toEqual([
      { value: '+33612345678', source: 'crm', recordId: 'C4', updatedAt: daysBefore(4) },
    ]);
  });

  it('upper-cases postal codes without spaces and countries; keeps birth date and CRM consents', () => {
    const profile = goldenProfile(
      customer({
        crmContacts: [
          contact('C1', {
            postalCode: 'sw1a 1aa',
            country: 'gb',
            birthDate: '1990-04-01',
            emailOptIn: false,
            smsOptIn: true,
            updatedAt: daysBefore(10),
          }),
          contact('C2', { emailOptIn: true, updatedAt: daysBefore(20) }),
        ],
        posMembers: [member('L1', { postalCode: 'SW1A1AA', country: 'GB', updatedAt: daysBefore(30) })],
      }),
      config,
    );
    expect(profile.postalCode).toMatchObject({ value: 'SW1A1AA', recordId: 'C1', conflicts: [] });
    expect(profile.country).toMatchObject({ value: 'GB', recordId: 'C1', conflicts: [] });
    expect(profile.birthDate).toMatchObject({ value: '1990-04-01', source: 'crm' });
    expect(profile.emailOptIn).toMatchObject({ value: false, recordId: 'C1' });
    expect(profile.emailOptIn?.conflicts).toEqual([
      { value: true, source: 'crm', recordId: 'C2', updatedAt: daysBefore(20) },
    ]);
    expect(profile.smsOptIn).toMatchObject({ value: true, recordId: 'C1', conflicts: [] });
  });

  it('takes the address of the latest record holding one, compared normalised, with the others as conflicts', () => {
    const profile = goldenProfile(
      customer({
        crmContacts: [
          contact('C1', { addressLine1: '12 Park Street', city: 'Leeds', postalCode: 'ls1 4ap', country: 'gb', updatedAt: daysBefore(30) }),
          contact('C2', { addressLine1: '3 Mill Lane', city: 'York', updatedAt: daysBefore(40) }),
        ],
        posMembers: [
          member('L1', { addressLine1: '12 PARK ST', addressLine2: '', city: 'leeds', region: 'West Yorkshire', postalCode: 'LS1 4AP', updatedAt: daysBefore(10) }),
          member('L2', { city: 'Hull', updatedAt: daysBefore(5) }),
        ],
      }),
      config,
    );
    expect(profile.address).toEqual({
      value: { line1: '12 PARK ST', city: 'leeds', region: 'West Yorkshire', postalCode: 'LS14AP' },
      source: 'pos',
      recordId: 'L1',
      updatedAt: daysBefore(10),
      conflicts: [{ value: { line1: '3 Mill Lane', city: 'York' }, source: 'crm', recordId: 'C2', updatedAt: daysBefore(40) }],
    });
  });

  it('times a web visitor by its latest event and takes the email of its latest event carrying one', () => {
    const profile = goldenProfile(
      customer({
        crmContacts: [contact('C1', { email: 'crm@mail.com', updatedAt: daysBefore(3) })],
        webVisitors: [
          { visitorId: 'V1', latestEmail: 'web@mail.com', latestEmailAt: daysBefore(10), lastSeenAt: daysBefore(1) },
        ],
      }),
      config,
    );
    expect(profile.email).toMatchObject({ value: 'web@mail.com', source: 'web', recordId: 'V1', updatedAt: daysBefore(1) });
  });

  it('lists contacts, members and visitors as profile records, and nothing else', () => {
    const records = profileRecords(
      customer({
        crmContacts: [contact('C1')],
        posMembers: [member('L1')],
        webVisitors: [visitor('V1', daysBefore(1))],
      }),
    );
    expect(records.map((r) => `${r.source}:${r.recordId}`)).toEqual(['crm:C1', 'pos:L1', 'web:V1']);
  });
});
