import { DEFAULT_INDEX_CONFIG, parseIndexConfig, type Channel } from '../../../src/insights/config';
import type { CustomerInputs } from '../../../src/insights/inputs';
import { integrationIndex, type ChannelIndex } from '../../../src/insights/score';
import { contact, crmCase, customer, DAY, daysBefore, member, posReturn, sale, session, T, visitor } from './builders';

const config = DEFAULT_INDEX_CONFIG;

function channelOf(inputs: CustomerInputs, channel: Channel, cfg = config): ChannelIndex {
  const found = integrationIndex(inputs, T, cfg).channels.find((c) => c.channel === channel);
  if (!found) throw new Error(`no ${channel} entry`);
  return found;
}

describe('integrationIndex: engagement and the window', () => {
  it('is null, with no band, for a customer without any interaction', () => {
    const result = integrationIndex(
      customer({ crmContacts: [contact('C1', { email: 'a@mail.com' })] }),
      T,
      config,
    );
    expect(result).toMatchObject({ score: null, band: null, engagedChannels: [] });
    expect(result.channels.map((c) => [c.channel, c.engaged, c.score])).toEqual([
      ['crm', false, null],
      ['web', false, null],
      ['pos', false, null],
    ]);
    // A profile record without interactions still shows its consistency, for explanation only.
    expect(result.channels[0]?.consistency).toBe(100);
  });

  it('counts an interaction at exactly T and none at exactly T − 365 days', () => {
    const c = contact('C1', { email: 'a@mail.com' });
    const atT = integrationIndex(customer({ crmContacts: [c], crmCases: [crmCase('K1', 'C1', T)] }), T, config);
    expect(atT.engagedChannels).toEqual(['crm']);
    expect(atT.window).toEqual({ from: new Date(T.getTime() - 365 * DAY), to: T });

    const atStart = customer({ crmContacts: [c], crmCases: [crmCase('K1', 'C1', daysBefore(365))] });
    expect(integrationIndex(atStart, T, config).score).toBeNull();

    const justInside = customer({
      crmContacts: [c],
      crmCases: [crmCase('K1', 'C1', new Date(daysBefore(365).getTime() + 1))],
    });
    expect(integrationIndex(justInside, T, config).engagedChannels).toEqual(['crm']);

    const future = customer({ crmContacts: [c], crmCases: [crmCase('K1', 'C1', new Date(T.getTime() + 1))] });
    expect(integrationIndex(future, T, config).score).toBeNull();
  });

  it('applies the same window edges to sessions and transactions, and a configured window length', () => {
    const inputs = customer({
      webSessions: [session('S1', T), session('S2', daysBefore(365)), session('S3', daysBefore(40))],
      posTransactions: [sale('P1', T, 10), sale('P2', daysBefore(365), 10), sale('P3', daysBefore(40), 10)],
    });
    expect(channelOf(inputs, 'web').interactions).toBe(2);
    expect(channelOf(inputs, 'pos').interactions).toBe(2);
    const month = parseIndexConfig({ windowDays: 30 });
    expect(channelOf(inputs, 'web', month).interactions).toBe(1);
    expect(channelOf(inputs, 'pos', month).interactions).toBe(1);
  });

  it('scores a customer on a single channel with that channel alone', () => {
    const result = integrationIndex(
      customer({
        webSessions: [
          session('S1', daysBefore(1), { recognised: true, hasAddToCart: true, hasOrder: true }),
          session('S2', daysBefore(2), { hasAddToCart: true }),
        ],
        webVisitors: [visitor('V1', daysBefore(1), 'a@mail.com')],
      }),
      T,
      config,
    );
    expect(result.engagedChannels).toEqual(['web']);
    const web = result.channels.find((c) => c.channel === 'web');
    expect(web).toMatchObject({ accessibility: 50, consistency: 100, experience: 50 });
    expect(web?.score).toBeCloseTo(200 / 3, 12);
    expect(result.score).toBe(web?.score);
    expect(result.band).toBe('MODERATE');
  });
});

describe('integrationIndex: accessibility', () => {
  it('recognises a case by its contact having a non-blank email or phone', () => {
    const inputs = customer({
      crmContacts: [
        contact('C-email', { email: 'a@mail.com' }),
        contact('C-phone', { phone: 'not a number, still typed in' }),
        contact('C-blank', { email: '  ', phone: '' }),
      ],
      crmCases: [
        crmCase('K1', 'C-email', daysBefore(1)),
        crmCase('K2', 'C-phone', daysBefore(2)),
        crmCase('K3', 'C-blank', daysBefore(3)),
        crmCase('K4', 'C-not-linked', daysBefore(4)),
      ],
    });
    const crm = channelOf(inputs, 'crm');
    expect(crm.accessibility).toBe(50);
    expect(crm.evidence).toMatchObject({ interactions: 4, recognised: 2 });
  });

  it('counts recognised sessions and transactions from their flags, in the window only', () => {
    const inputs = customer({
      webSessions: [
        session('S1', daysBefore(1), { recognised: true }),
        session('S2', daysBefore(2)),
        session('S3', daysBefore(3)),
        session('S4', daysBefore(400), { recognised: true }),
      ],
      posTransactions: [
        sale('P1', daysBefore(1), 10, { recognised: true }),
        sale('P2', daysBefore(2), 10, { recognised: false }),
      ],
    });
    expect(channelOf(inputs, 'web').accessibility).toBeCloseTo(100 / 3, 12);
    expect(channelOf(inputs, 'pos').accessibility).toBe(50);
  });
});

describe('integrationIndex: consistency', () => {
  it('compares the channel latest record with the golden profile over the attributes both hold', () => {
    const inputs = customer({
      crmContacts: [
        contact('C1', {
          firstName: 'Ana',
          lastName: 'Souza',
          email: 'ana@mail.com',
          phone: '020 7946 0958',
          country: 'GB',
          postalCode: 'SW1A 1AA',
          updatedAt: daysBefore(50),
        }),
      ],
      posMembers: [
        member('L1', { firstName: 'ana', lastName: 'souza', postalCode: 'EC1A 1BB', updatedAt: daysBefore(5) }),
      ],
      crmCases: [crmCase('K1', 'C1', daysBefore(1))],
      posTransactions: [sale('P1', daysBefore(1), 10)],
    });
    const crm = channelOf(inputs, 'crm');
    // Golden: name and postal code from L1 (latest), email and phone from C1 (only holder).
    expect(crm.consistency).toBe(75);
    expect(crm.evidence.consistency).toEqual({
      record: { recordId: 'C1', updatedAt: daysBefore(50) },
      compared: [
        { attribute: 'fullName', record: 'ana souza', golden: 'ana souza', agrees: true },
        { attribute: 'email', record: 'ana@mail.com', golden: 'ana@mail.com', agrees: true },
        { attribute: 'phone', record: '+442079460958', golden: '+442079460958', agrees: true },
        { attribute: 'postalCode', record: 'SW1A1AA', golden: 'EC1A1BB', agrees: false },
      ],
      agreed: 3,
    });
    const pos = channelOf(inputs, 'pos');
    expect(pos.consistency).toBe(100);
    expect(pos.evidence.consistency.compared.map((c) => c.attribute)).toEqual(['fullName', 'postalCode']);
  });

  it('uses only the channel single latest record, even when an older one would agree', () => {
    const inputs = customer({
      crmContacts: [contact('C1', { email: 'ana@mail.com', updatedAt: daysBefore(50) })],
      webVisitors: [visitor('V-new', daysBefore(2)), visitor('V-old', daysBefore(20), 'ana@mail.com')],
      webSessions: [session('S1', daysBefore(2))],
    });
    const web = channelOf(inputs, 'web');
    expect(web.evidence.consistency.record?.recordId).toBe('V-new');
    expect(web.consistency).toBeNull();
  });

  it('is null when the record and the golden profile share no attribute', () => {
    // L1's only compared attribute is a phone that cannot be read, so it holds none the profile has.
    const noShared = customer({
      crmContacts: [contact('C1', { email: 'a@mail.com', updatedAt: daysBefore(1) })],
      posMembers: [member('L1', { phone: 'unparseable', country: 'GB', updatedAt: daysBefore(2) })],
      posTransactions: [sale('P1', daysBefore(1), 10)],
    });
    const pos = channelOf(noShared, 'pos');
    expect(pos.consistency).toBeNull();
    expect(pos.evidence.consistency).toEqual({
      record: { recordId: 'L1', updatedAt: daysBefore(2) },
      compared: [],
      agreed: 0,
    });
  });

  it('is null for a channel with interactions but no profile record; the score is A and E alone', () => {
    const inputs = customer({
      crmContacts: [contact('C1', { email: 'a@mail.com' })],
      posTransactions: [
        sale('P1', daysBefore(1), 100, { recognised: true }),
        posReturn('P2', daysBefore(1), 20, { recognised: false }),
      ],
    });
    const pos = channelOf(inputs, 'pos');
    expect(pos).toMatchObject({ engaged: true, accessibility: 50, consistency: null, experience: 80, score: 65 });
    expect(pos.evidence.consistency.record).toBeNull();
  });
});

describe('integrationIndex: experience', () => {
  it('maps the mean CSAT of rated cases in the window, 1 → 0 … 5 → 100', () => {
    const inputs = customer({
      crmContacts: [contact('C1', { email: 'a@mail.com' })],
      crmCases: [
        crmCase('K1', 'C1', daysBefore(1), 5),
        crmCase('K2', 'C1', daysBefore(2), 4),
        crmCase('K3', 'C1', daysBefore(3), 4),
        crmCase('K4', 'C1', daysBefore(4)),
        crmCase('K5', 'C1', daysBefore(500), 1),
      ],
    });
    const crm = channelOf(inputs, 'crm');
    expect(crm.experience).toBe(250 / 3);
    expect(crm.evidence.experience).toEqual({ kind: 'crm', ratedCases: 3, meanCsat: 13 / 3 });
    expect(crm.interactions).toBe(4);
  });

  it('is null on CRM when no case in the window is rated', () => {
    const inputs = customer({
      crmContacts: [contact('C1', { email: 'a@mail.com' })],
      crmCases: [crmCase('K1', 'C1', daysBefore(1)), crmCase('K2', 'C1', daysBefore(400), 5)],
    });
    const crm = channelOf(inputs, 'crm');
    expect(crm.experience).toBeNull();
    expect(crm.evidence.experience).toEqual({ kind: 'crm', ratedCases: 0, meanCsat: null });
    // A = 100, C = 100 (the contact is the golden profile), E null: mean of the two.
    expect(crm.score).toBe(100);
  });

  it('rates CRM 1 as 0 and 5 as 100', () => {
    const rated = (csat: number) =>
      channelOf(
        customer({ crmContacts: [contact('C1')], crmCases: [crmCase('K1', 'C1', daysBefore(1), csat)] }),
        'crm',
      ).experience;
    expect([1, 2, 3, 4, 5].map(rated)).toEqual([0, 25, 50, 75, 100]);
  });

  it('converts web sessions with an add_to_cart into orders', () => {
    const inputs = customer({
      webSessions: [
        session('S1', daysBefore(1), { hasAddToCart: true, hasOrder: true }),
        session('S2', daysBefore(2), { hasAddToCart: true }),
        session('S3', daysBefore(3), { hasAddToCart: true }),
        session('S4', daysBefore(4)),
        session('S5', daysBefore(400), { hasAddToCart: true, hasOrder: true }),
      ],
    });
    const web = channelOf(inputs, 'web');
    expect(web.experience).toBeCloseTo(100 / 3, 12);
    expect(web.evidence.experience).toEqual({ kind: 'web', sessionsWithAddToCart: 3, sessionsWithOrder: 1 });
  });

  it('caps web experience at 100 when orders outnumber add_to_cart sessions', () => {
    const inputs = customer({
      webSessions: [
        session('S1', daysBefore(1), { hasAddToCart: true, hasOrder: true }),
        session('S2', daysBefore(2), { hasOrder: true }),
        session('S3', daysBefore(3), { hasOrder: true }),
      ],
    });
    const web = channelOf(inputs, 'web');
    expect(web.experience).toBe(100);
    expect(web.evidence.experience).toEqual({ kind: 'web', sessionsWithAddToCart: 1, sessionsWithOrder: 3 });
  });

  it('is null on web without an add_to_cart in the window, orders or not', () => {
    const inputs = customer({ webSessions: [session('S1', daysBefore(1), { hasOrder: true })] });
    expect(channelOf(inputs, 'web').experience).toBeNull();
  });

  it('scores POS as 100 × (1 − returned ÷ sold) over the window', () => {
    const inputs = customer({
      posTransactions: [
        sale('P1', daysBefore(1), 59.97),
        sale('P2', daysBefore(2), 40.03),
        posReturn('P3', daysBefore(3), 25),
        posReturn('P4', daysBefore(400), 100),
      ],
    });
    const pos = channelOf(inputs, 'pos');
    expect(pos.experience).toBe(75);
    expect(pos.evidence.experience).toEqual({
      kind: 'pos',
      sales: 2,
      returns: 1,
      soldAmount: 100,
      returnedAmount: 25,
      byCurrency: [{ currency: 'GBP', sold: 100, returned: 25 }],
    });
  });

  it('floors POS experience at 0 when returns exceed sales', () => {
    const inputs = customer({
      posTransactions: [sale('P1', daysBefore(1), 50), posReturn('P2', daysBefore(1), 80)],
    });
    expect(channelOf(inputs, 'pos').experience).toBe(0);
  });

  it('is null on POS when nothing was sold in the window, even with returns', () => {
    const inputs = customer({
      posTransactions: [posReturn('P1', daysBefore(1), 30), sale('P0', daysBefore(400), 30)],
    });
    const pos = channelOf(inputs, 'pos');
    expect(pos.experience).toBeNull();
    expect(pos.engaged).toBe(true);
  });

  it('adds amounts of different currencies as they are, without converting them', () => {
    const inputs = customer({
      posTransactions: [
        sale('P1', daysBefore(1), 100, { amounts: [{ currency: 'EUR', amount: 100 }] }),
        sale('P2', daysBefore(2), 0, {
          amounts: [
            { currency: 'GBP', amount: 50 },
            { currency: 'EUR', amount: 50 },
          ],
        }),
        posReturn('P3', daysBefore(3), 0, { amounts: [{ currency: 'GBP', amount: 40 }] }),
      ],
    });
    const pos = channelOf(inputs, 'pos');
    expect(pos.experience).toBe(80);
    expect(pos.evidence.experience).toMatchObject({
      soldAmount: 200,
      returnedAmount: 40,
      byCurrency: [
        { currency: 'EUR', sold: 150, returned: 0 },
        { currency: 'GBP', sold: 50, returned: 40 },
      ],
    });
  });
});

describe('integrationIndex: scores, weights and bands', () => {
  it('averages the non-null components into the channel score and the channel scores into the index', () => {
    const inputs = customer({
      crmContacts: [contact('C1', { email: 'a@mail.com', updatedAt: daysBefore(1) })],
      crmCases: [crmCase('K1', 'C1', daysBefore(1), 3)],
      webSessions: [session('S1', daysBefore(1), { hasAddToCart: true })],
    });
    const result = integrationIndex(inputs, T, config);
    const [crm, web] = result.channels;
    expect(crm).toMatchObject({ accessibility: 100, consistency: 100, experience: 50 });
    expect(crm?.score).toBe(250 / 3);
    // No visitor record: consistency null; A = 0, E = 0.
    expect(web).toMatchObject({ accessibility: 0, consistency: null, experience: 0, score: 0 });
    expect(result.score).toBe((250 / 3 + 0) / 2);
    expect(result.engagedChannels).toEqual(['crm', 'web']);
    expect(result.band).toBe('POOR');
  });

  it('applies the bands to the unrounded score', () => {
    // A = 100, C null, E = 100 × (1 − 40.02 / 100) = 59.98: score 79.99, shown as 80 when rounded.
    const inputs = customer({
      posTransactions: [sale('P1', daysBefore(1), 100), posReturn('P2', daysBefore(1), 40.02)],
    });
    const result = integrationIndex(inputs, T, config);
    expect(result.score).toBeCloseTo(79.99, 10);
    expect(Math.round(result.score ?? 0)).toBe(80);
    expect(result.band).toBe('MODERATE');

    const exactly80 = customer({
      posTransactions: [sale('P1', daysBefore(1), 100), posReturn('P2', daysBefore(1), 40)],
    });
    const at80 = integrationIndex(exactly80, T, config);
    expect(at80.score).toBe(80);
    expect(at80.band).toBe('EXEMPLARY');
  });

  it('weights components and channels as configured', () => {
    const inputs = customer({
      crmContacts: [contact('C1', { email: 'a@mail.com' })],
      crmCases: [crmCase('K1', 'C1', daysBefore(1), 1)],
      webSessions: [session('S1', daysBefore(1), { recognised: true })],
    });
    // crm: A 100, C 100, E 0; web: A 100, C null, E null.
    const experienceHeavy = parseIndexConfig({ componentWeights: { experience: 2 }, channelWeights: { web: 3 } });
    const result = integrationIndex(inputs, T, experienceHeavy);
    expect(result.channels[0]?.score).toBe(50);
    expect(result.channels[1]?.score).toBe(100);
    expect(result.score).toBe((50 * 1 + 100 * 3) / 4);
  });

  it('leaves a channel whose non-null components all weigh 0 without a score, and out of the index', () => {
    const inputs = customer({
      crmContacts: [contact('C1', { email: 'a@mail.com' })],
      crmCases: [crmCase('K1', 'C1', daysBefore(1), 5)],
      webSessions: [session('S1', daysBefore(1), { recognised: true })],
    });
    const onlyExperience = parseIndexConfig({ componentWeights: { accessibility: 0, consistency: 0 } });
    const result = integrationIndex(inputs, T, onlyExperience);
    expect(result.channels[1]).toMatchObject({ channel: 'web', engaged: true, accessibility: 100, score: null });
    expect(result.score).toBe(100);

    const webOnly = customer({ webSessions: [session('S1', daysBefore(1), { recognised: true })] });
    const none = integrationIndex(webOnly, T, onlyExperience);
    expect(none.engagedChannels).toEqual(['web']);
    expect(none.score).toBeNull();
    expect(none.band).toBeNull();
  });

  it('scores only the configured channels', () => {
    const inputs = customer({
      webSessions: [session('S1', daysBefore(1), { recognised: true })],
      posTransactions: [sale('P1', daysBefore(1), 10, { recognised: false })],
    });
    const result = integrationIndex(inputs, T, parseIndexConfig({ channels: ['web', 'crm'] }));
    expect(result.channels.map((c) => c.channel)).toEqual(['web', 'crm']);
    expect(result.engagedChannels).toEqual(['web']);
    expect(result.score).toBe(100);
  });
});
