import { DEFAULT_INDEX_CONFIG } from '../../../src/insights/config';
import type { CustomerInputs } from '../../../src/insights/inputs';
import { portfolioIndex } from '../../../src/insights/portfolio';
import { profileRecords } from '../../../src/insights/profile';
import {
  cohortRange,
  combineReport,
  decodeReportId,
  encodeReportId,
  profileRowOf,
  reportBoundaries,
  reportParams,
  ReportParamsError,
  trendPoints,
  type ReportParams,
  type ReportParts,
} from '../../../src/insights/report';
import { integrationIndex, windowEndingAt } from '../../../src/insights/score';
import { segmentOf } from '../../../src/insights/tallies';
import { contact, crmCase, customer, daysBefore, member, posReturn, sale, session, T, visitor } from './builders';

const config = DEFAULT_INDEX_CONFIG;

function params(overrides: Partial<Parameters<typeof reportParams>[0]> = {}): ReportParams {
  return reportParams({ asOf: T, windowDays: 365, trendMonths: 2, salt: 'test-salt', ...overrides });
}

/**
 * The parts the subgraphs would send for these customers, built from their inputs the way the
 * subgraph pipelines group them (per contact, visitor and receipt, per time segment).
 */
function partsOf(customers: Record<string, CustomerInputs>, p: ReportParams, stores: Record<string, string> = {}): ReportParts {
  const boundaries = reportBoundaries(p);
  const parts: ReportParts = {
    identity: { customers: [] },
    crm: { contacts: [], cases: [] },
    web: { visitors: [], sessions: [] },
    pos: { members: [], transactions: [] },
  };
  for (const [customerId, inputs] of Object.entries(customers)) {
    const records = profileRecords(inputs);
    const row = (id: string) => profileRowOf(records.find((r) => r.recordId === id)!, p);
    for (const c of inputs.crmContacts) parts.crm.contacts.push([...row(c.contactId), c.email?.trim() || c.phone?.trim() ? 1 : 0]);
    for (const k of inputs.crmCases) {
      const segment = segmentOf(k.openedAt, boundaries);
      if (segment !== null) parts.crm.cases.push([k.contactId, segment, 1, k.csat === undefined ? 0 : 1, k.csat ?? 0]);
    }
    const visitorId = inputs.webVisitors[0]?.visitorId ?? `${customerId}-visitor`;
    for (const v of inputs.webVisitors) parts.web.visitors.push(row(v.visitorId));
    for (const s of inputs.webSessions) {
      const segment = segmentOf(s.startedAt, boundaries);
      if (segment !== null) {
        parts.web.sessions.push([visitorId, segment, 1, s.recognised ? 1 : 0, s.hasAddToCart ? 1 : 0, s.hasOrder ? 1 : 0]);
      }
    }
    for (const m of inputs.posMembers) parts.pos.members.push(row(m.loyaltyId));
    const inWindows: string[] = [];
    for (const t of inputs.posTransactions) {
      const segment = segmentOf(t.at, boundaries);
      if (segment === null) continue;
      inWindows.push(t.transactionId);
      const amounts = t.amounts.flatMap((a) => [a.currency, a.amount]);
      const atStore = p.filter.storeId !== undefined && stores[t.transactionId] === p.filter.storeId ? 1 : 0;
      parts.pos.transactions.push([t.transactionId, segment, t.type === 'return' ? 1 : 0, t.recognised ? 1 : 0, amounts, atStore]);
    }
    parts.identity.customers.push([
      customerId,
      inputs.crmContacts.map((c) => c.contactId),
      inputs.webSessions.length > 0 || inputs.webVisitors.length > 0 ? [visitorId] : [],
      inputs.posMembers.map((m) => m.loyaltyId),
      inWindows,
    ]);
  }
  return parts;
}

const CUSTOMERS: Record<string, CustomerInputs> = {
  ana: customer({
    crmContacts: [contact('C1', { firstName: 'Ana', lastName: 'Souza', email: 'ana@mail.com', country: 'GB' })],
    crmCases: [crmCase('K1', 'C1', daysBefore(10), 5), crmCase('K2', 'C1', daysBefore(45), 2)],
    webVisitors: [visitor('V1', daysBefore(3), 'ana@work.com')],
    webSessions: [session('S1', daysBefore(3), { recognised: true, hasAddToCart: true, hasOrder: true }), session('S2', daysBefore(40))],
    posMembers: [member('L1', { firstName: 'ana', lastName: 'SOUZA', country: 'PT', updatedAt: daysBefore(200) })],
    posTransactions: [sale('P1', daysBefore(5), 120), posReturn('P2', daysBefore(50), 30, { recognised: false })],
  }),
  bo: customer({
    posMembers: [member('L2', { firstName: 'Bo', lastName: 'Li', country: 'us' })],
    posTransactions: [sale('P3', daysBefore(70), 10.1), sale('P4', daysBefore(1), 20, { amounts: [{ currency: 'EUR', amount: 20 }] })],
  }),
  anonymous: customer({ webSessions: [session('S3', daysBefore(400))] }),
};

describe('the report id', () => {
  it('round-trips the parameters, canonically', () => {
    const p = params({ filter: { country: 'gb', cohort: '2025-03', storeId: ' S1 ' } });
    expect(p.filter).toEqual({ country: 'GB', cohort: '2025-03', storeId: 'S1' });
    expect(decodeReportId(encodeReportId(p))).toEqual(p);
    expect(encodeReportId(decodeReportId(encodeReportId(p)))).toBe(encodeReportId(p));
  });

  it('refuses a foreign or damaged id and bad parameters, naming them', () => {
    expect(() => decodeReportId('Q3VzdG9tZXI6MQ')).toThrow(ReportParamsError);
    expect(() => decodeReportId('iir1.bm90IGpzb24')).toThrow(/not an integration index report id/);
    expect(() => params({ trendMonths: 37 })).toThrow(/trendMonths must be a whole number from 0 to 36/);
    expect(() => params({ filter: { country: 'GBR' } })).toThrow(/filter\.country/);
    expect(() => params({ filter: { cohort: '25-03' } })).toThrow(/filter\.cohort/);
    expect(() => params({ asOf: new Date('nope') })).toThrow(/asOf/);
  });
});

describe('trend points and cohorts', () => {
  it('takes the last month ends at or before asOf, oldest first, each the next month\'s first instant', () => {
    expect(trendPoints(new Date('2026-03-15T10:00:00Z'), 3)).toEqual([
      { month: '2025-12', asOf: new Date('2026-01-01T00:00:00Z') },
      { month: '2026-01', asOf: new Date('2026-02-01T00:00:00Z') },
      { month: '2026-02', asOf: new Date('2026-03-01T00:00:00Z') },
    ]);
    // asOf exactly at a month's first instant: that month end is the last point.
    expect(trendPoints(new Date('2026-03-01T00:00:00Z'), 1)).toEqual([{ month: '2026-02', asOf: new Date('2026-03-01T00:00:00Z') }]);
    expect(trendPoints(T, 0)).toEqual([]);
  });

  it('reads a cohort as a UTC year or month', () => {
    expect(cohortRange('2025')).toEqual({ from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') });
    expect(cohortRange('2025-12')).toEqual({ from: new Date('2025-12-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') });
  });
});

describe('combineReport', () => {
  it('equals the portfolio of the per-customer indexes, at asOf and at each trend point', () => {
    const p = params();
    const report = combineReport(p, partsOf(CUSTOMERS, p), config);
    const at = (asOf: Date) => portfolioIndex(Object.values(CUSTOMERS).map((c) => integrationIndex(c, asOf, config)), config);
    const { asOf: _a, window, filter, trend, ...portfolio } = report;
    expect(portfolio).toEqual(at(T));
    expect(window).toEqual(windowEndingAt(T, config));
    expect(filter).toEqual({});
    expect(trend.map((point) => point.month)).toEqual(['2026-04', '2026-05']);
    for (const point of trend) {
      const expected = at(point.asOf);
      expect(point).toMatchObject({ score: expected.score, band: expected.band, indexed: expected.indexed });
    }
    expect(report.bands).toMatchObject({ NONE: 1 });
  });

  it('keeps only the customers of the golden country, or of a store in the window', () => {
    // Ana's golden country is her contact's GB (newer than the member's PT); Bo's is US.
    const gb = params({ filter: { country: 'GB' } });
    expect(combineReport(gb, partsOf(CUSTOMERS, gb), config).customers).toBe(1);
    const pt = params({ filter: { country: 'PT' } });
    expect(combineReport(pt, partsOf(CUSTOMERS, pt), config).customers).toBe(0);
    const us = params({ filter: { country: 'us' } });
    const usReport = combineReport(us, partsOf(CUSTOMERS, us), config);
    expect(usReport.score).toBe(integrationIndex(CUSTOMERS.bo!, T, config).score);

    const store = params({ filter: { storeId: 'S9' } });
    const stores = { P3: 'S9', P1: 'S1' };
    expect(combineReport(store, partsOf(CUSTOMERS, store, stores), config)).toMatchObject({ customers: 1, indexed: 1 });
  });

  it('refuses parts cut for another window length', () => {
    const p = params({ windowDays: 30 });
    expect(() => combineReport(p, partsOf({}, p), config)).toThrow(/30-day window/);
  });
});
