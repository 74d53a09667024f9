/*
 * The worked example of docs/INDEX.md, pinned: if a rule changes, this test and the document
 * change together.
 */
import { DEFAULT_INDEX_CONFIG } from '../../../src/insights/config';
import type { CustomerInputs } from '../../../src/insights/inputs';
import { customerMetrics } from '../../../src/insights/metrics';
import { goldenProfile } from '../../../src/insights/profile';
import { integrationIndex } from '../../../src/insights/score';

const asOf = new Date('2026-06-30T00:00:00Z');
const d = (iso: string) => new Date(iso);

const ana: CustomerInputs = {
  crmContacts: [
    {
      contactId: 'C-1001',
      firstName: 'Ana',
      lastName: 'Souza',
      email: 'ana.souza@mail.com',
      phone: '+44 20 7946 0958',
      postalCode: 'SW1A 1AA',
      country: 'GB',
      emailOptIn: true,
      updatedAt: d('2026-03-01T09:00:00Z'),
    },
  ],
  crmCases: [
    { caseId: 'K-1', contactId: 'C-1001', openedAt: d('2025-01-15T10:00:00Z'), csat: 1 },
    { caseId: 'K-2', contactId: 'C-1001', openedAt: d('2025-09-02T10:00:00Z'), csat: 5 },
    { caseId: 'K-3', contactId: 'C-1001', openedAt: d('2026-02-11T10:00:00Z'), csat: 3 },
    { caseId: 'K-4', contactId: 'C-1001', openedAt: d('2026-06-01T10:00:00Z') },
  ],
  posMembers: [
    {
      loyaltyId: 'L-77',
      firstName: 'ana',
      lastName: 'SOUZA',
      email: 'Ana.Souza@mail.com ',
      phone: '020 7946 0958',
      postalCode: 'EC1A 1BB',
      country: 'GB',
      updatedAt: d('2026-05-10T16:30:00Z'),
    },
  ],
  posTransactions: [
    {
      transactionId: 'T-1',
      at: d('2026-04-02T12:00:00Z'),
      type: 'sale',
      recognised: true,
      amounts: [{ currency: 'GBP', amount: 120 }],
    },
    {
      transactionId: 'T-2',
      at: d('2026-05-20T12:00:00Z'),
      type: 'sale',
      recognised: false,
      amounts: [{ currency: 'GBP', amount: 80 }],
    },
    {
      transactionId: 'T-3',
      at: d('2026-05-27T12:00:00Z'),
      type: 'return',
      recognised: true,
      amounts: [{ currency: 'GBP', amount: 30 }],
    },
  ],
  webVisitors: [
    {
      visitorId: 'V-9',
      latestEmail: 'ana.s@work.com',
      latestEmailAt: d('2026-06-18T20:00:00Z'),
      lastSeenAt: d('2026-06-20T21:00:00Z'),
    },
  ],
  webSessions: [
    { sessionId: 'S-1', startedAt: d('2026-01-05T20:00:00Z'), recognised: true, hasAddToCart: true, hasOrder: true },
    { sessionId: 'S-2', startedAt: d('2026-03-12T20:00:00Z'), recognised: false, hasAddToCart: true, hasOrder: false },
    { sessionId: 'S-3', startedAt: d('2026-06-18T20:00:00Z'), recognised: true, hasAddToCart: false, hasOrder: false },
    { sessionId: 'S-4', startedAt: d('2026-06-20T20:30:00Z'), recognised: false, hasAddToCart: false, hasOrder: false },
  ],
  webOrders: [{ orderId: 'O-1', at: d('2026-01-05T20:40:00Z'), amount: 59.9, currency: 'GBP' }],
};

describe('the worked example of docs/INDEX.md', () => {
  const config = DEFAULT_INDEX_CONFIG;

  it('builds Ana Souza’s golden profile', () => {
    const profile = goldenProfile(ana, config);
    expect(profile.fullName).toMatchObject({ value: 'ana SOUZA', source: 'pos', recordId: 'L-77', conflicts: [] });
    expect(profile.email).toMatchObject({ value: 'ana.s@work.com', source: 'web', recordId: 'V-9' });
    expect(profile.email?.conflicts.map((c) => [c.value, c.recordId])).toEqual([['ana.souza@mail.com', 'L-77']]);
    expect(profile.phone).toMatchObject({ value: '+442079460958', source: 'pos', conflicts: [] });
    expect(profile.postalCode).toMatchObject({ value: 'EC1A1BB', source: 'pos' });
    expect(profile.postalCode?.conflicts.map((c) => [c.value, c.recordId])).toEqual([['SW1A1AA', 'C-1001']]);
    expect(profile.emailOptIn).toMatchObject({ value: true, source: 'crm' });
  });

  it('scores her 72.41, MODERATE', () => {
    const result = integrationIndex(ana, asOf, config);
    const byChannel = Object.fromEntries(result.channels.map((c) => [c.channel, c]));

    expect(byChannel.crm).toMatchObject({ interactions: 3, accessibility: 100, consistency: 50, experience: 75 });
    expect(byChannel.crm?.score).toBe(75);

    expect(byChannel.web).toMatchObject({ interactions: 4, accessibility: 50, consistency: 100, experience: 50 });
    expect(byChannel.web?.score).toBeCloseTo(200 / 3, 12);

    expect(byChannel.pos).toMatchObject({ interactions: 3, consistency: 75, experience: 85 });
    expect(byChannel.pos?.accessibility).toBeCloseTo(200 / 3, 12);
    expect(byChannel.pos?.score).toBeCloseTo(680 / 9, 12);

    // (Σ over channels of A + C + E) / 3 components / 3 channels: the standard formula.
    expect(result.score).toBeCloseTo((225 + 200 + 680 / 3) / 9, 12);
    expect(result.score?.toFixed(2)).toBe('72.41');
    expect(result.band).toBe('MODERATE');
    expect(result.engagedChannels).toEqual(['crm', 'web', 'pos']);
  });

  it('derives her 360 metrics', () => {
    const metrics = customerMetrics(ana, asOf, config);
    expect(metrics.lifetimeValue).toEqual([
      { currency: 'GBP', amount: 229.9, webOrders: 59.9, posSales: 200, posReturns: 30 },
    ]);
    expect(metrics.orders).toEqual({ web: 1, posSales: 2, posReturns: 1 });
    expect(metrics.firstInteractionAt).toEqual(d('2025-01-15T10:00:00Z'));
    expect(metrics.lastInteractionAt).toEqual(d('2026-06-20T20:30:00Z'));
    expect(metrics.preferredChannel).toBe('web');
  });
});
