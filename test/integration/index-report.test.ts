import { postGraphQL, startStack, type Stack } from '../support/stack';

/*
 * The portfolio report through the gateway, checked against the per-customer indexes the same
 * gateway serves (`Customer.integrationIndex`): the report must be their mean, not an estimate.
 */

const REPORT = /* GraphQL */ `
  query Report($asOf: DateTime, $filter: IndexReportFilter, $trendMonths: Int) {
    integrationIndexReport(asOf: $asOf, filter: $filter, trendMonths: $trendMonths) {
      asOf
      windowStart
      filter { storeId country cohort }
      customers
      indexed
      score
      band
      bands { exemplary moderate poor none }
      channels { channel engagedCustomers accessibility consistency experience score }
      trend { month asOf score band indexed }
    }
  }
`;

const CUSTOMERS = /* GraphQL */ `
  query Customers($after: String, $asOf: DateTime) {
    customers(first: 40, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id
          profile { country { value } }
          metrics(asOf: $asOf) { firstInteractionAt }
          posTransactions { storeId at }
          integrationIndex(asOf: $asOf) {
            score
            band
            channels { channel engaged accessibility consistency experience score }
          }
        }
      }
    }
  }
`;

interface ChannelRow {
  channel: string;
  engaged: boolean;
  accessibility: number | null;
  consistency: number | null;
  experience: number | null;
  score: number | null;
}
interface CustomerRow {
  id: string;
  profile: { country: { value: string } | null };
  metrics: { firstInteractionAt: string | null };
  posTransactions: { storeId: string; at: string }[];
  integrationIndex: { score: number | null; band: string | null; channels: ChannelRow[] };
}

async function allCustomers(stack: Stack, asOf: string): Promise<CustomerRow[]> {
  const rows: CustomerRow[] = [];
  let after: string | null = null;
  do {
    const data: any = await stack.query(CUSTOMERS, { after, asOf });
    rows.push(...data.customers.edges.map((e: { node: CustomerRow }) => e.node));
    after = data.customers.pageInfo.hasNextPage ? data.customers.pageInfo.endCursor : null;
  } while (after !== null);
  return rows;
}

function mean(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

/** What the report must say about `rows`, computed from their own indexes. */
function expectedReport(rows: CustomerRow[]) {
  const count = (band: string | null) => rows.filter((r) => r.integrationIndex.band === band).length;
  return {
    customers: rows.length,
    indexed: rows.filter((r) => r.integrationIndex.score !== null).length,
    score: mean(rows.map((r) => r.integrationIndex.score)),
    bands: { exemplary: count('EXEMPLARY'), moderate: count('MODERATE'), poor: count('POOR'), none: count(null) },
    channels: ['CRM', 'WEB', 'POS'].map((channel) => {
      const engaged = rows.flatMap((r) => r.integrationIndex.channels.filter((c) => c.channel === channel && c.engaged));
      return {
        channel,
        engagedCustomers: engaged.length,
        accessibility: mean(engaged.map((c) => c.accessibility)),
        consistency: mean(engaged.map((c) => c.consistency)),
        experience: mean(engaged.map((c) => c.experience)),
        score: mean(engaged.map((c) => c.score)),
      };
    }),
  };
}

/** Means are compared to 9 decimals: the two sides add the same numbers in different orders. */
function expectSameReport(actual: any, expected: ReturnType<typeof expectedReport>) {
  expect({ customers: actual.customers, indexed: actual.indexed, bands: actual.bands }).toEqual({
    customers: expected.customers,
    indexed: expected.indexed,
    bands: expected.bands,
  });
  expect(actual.score).toBeCloseTo(expected.score!, 9);
  expected.channels.forEach((channel, i) => {
    const got = actual.channels[i];
    expect(got.channel).toBe(channel.channel);
    expect(got.engagedCustomers).toBe(channel.engagedCustomers);
    for (const key of ['accessibility', 'consistency', 'experience', 'score'] as const) {
      if (channel[key] === null) expect(got[key]).toBeNull();
      else expect(got[key]).toBeCloseTo(channel[key]!, 9);
    }
  });
}

describe('integrationIndexReport through the gateway', () => {
  let stack: Stack;
  let asOf: string;
  let rows: CustomerRow[];

  beforeAll(async () => {
    stack = await startStack({ seedCustomers: 200 });
    asOf = new Date().toISOString();
    rows = await allCustomers(stack, asOf);
  }, 600_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('equals the mean of the per-customer indexes, with band counts that add up', async () => {
    const { integrationIndexReport: report } = await stack.query(REPORT, { asOf, trendMonths: 0 });
    expect(rows.length).toBeGreaterThan(150);
    expectSameReport(report, expectedReport(rows));
    const { exemplary, moderate, poor, none } = report.bands;
    expect(exemplary + moderate + poor + none).toBe(report.customers);
    expect(exemplary + moderate + poor).toBe(report.indexed);
    expect(report).toMatchObject({ asOf, filter: { storeId: null, country: null, cohort: null }, trend: [] });
    expect(new Date(asOf).getTime() - new Date(report.windowStart).getTime()).toBe(365 * 24 * 3600 * 1000);
  });

  it('narrows to a country, a store and a cohort exactly as the customers\' own data says', async () => {
    const countries = rows.map((r) => r.profile.country?.value).filter((c): c is string => c !== undefined);
    const country = countries.sort((a, b) => countries.filter((c) => c === b).length - countries.filter((c) => c === a).length)[0]!;
    const inCountry = rows.filter((r) => r.profile.country?.value === country);
    expect(inCountry.length).toBeGreaterThan(0);
    expect(inCountry.length).toBeLessThan(rows.length);
    const byCountry = await stack.query(REPORT, { asOf, filter: { country: country.toLowerCase() } });
    expect(byCountry.integrationIndexReport.filter.country).toBe(country);
    expectSameReport(byCountry.integrationIndexReport, expectedReport(inCountry));

    const windowStart = new Date(asOf).getTime() - 365 * 24 * 3600 * 1000;
    const inWindow = (at: string) => new Date(at).getTime() > windowStart && new Date(at).getTime() <= new Date(asOf).getTime();
    const stores = rows.flatMap((r) => r.posTransactions.filter((t) => inWindow(t.at)).map((t) => t.storeId));
    const store = stores[0]!;
    const atStore = rows.filter((r) => r.posTransactions.some((t) => t.storeId === store && inWindow(t.at)));
    const byStore = await stack.query(REPORT, { asOf, filter: { storeId: store } });
    expectSameReport(byStore.integrationIndexReport, expectedReport(atStore));

    const firstSeen = rows.map((r) => r.metrics.firstInteractionAt).filter((t): t is string => t !== null).sort();
    const cohort = firstSeen[Math.floor(firstSeen.length / 2)]!.slice(0, 7);
    const inCohort = rows.filter((r) => r.metrics.firstInteractionAt?.slice(0, 7) === cohort);
    const byCohort = await stack.query(REPORT, { asOf, filter: { cohort } });
    expectSameReport(byCohort.integrationIndexReport, expectedReport(inCohort));
  });

  it('gives one trend point per month end, each the mean of the indexes at that instant', async () => {
    const { integrationIndexReport: report } = await stack.query(REPORT, { asOf, trendMonths: 3 });
    expect(report.trend).toHaveLength(3);
    const firstOfThisMonth = new Date(asOf);
    firstOfThisMonth.setUTCDate(1);
    firstOfThisMonth.setUTCHours(0, 0, 0, 0);
    expect(report.trend[2].asOf).toBe(firstOfThisMonth.toISOString());
    const months = report.trend.map((p: { month: string }) => p.month);
    for (const point of report.trend) {
      // Each point is taken at the first instant of the month after the one it names.
      const [year, month] = point.month.split('-').map(Number);
      expect(point.asOf).toBe(new Date(Date.UTC(year, month, 1)).toISOString());
    }

    const point = report.trend[0];
    const then = await allCustomers(stack, point.asOf);
    const expected = expectedReport(then);
    expect(point.indexed).toBe(expected.indexed);
    expect(point.score).toBeCloseTo(expected.score!, 9);

    const lastTwo = await stack.query(`query($asOf: DateTime) { integrationIndexReport(asOf: $asOf, trendMonths: 3) { trend(months: 2) { month } } }`, { asOf });
    expect(lastTwo.integrationIndexReport.trend.map((p: { month: string }) => p.month)).toEqual(months.slice(1));
  });

  it('refuses bad parameters with BAD_USER_INPUT naming them', async () => {
    const headers = await stack.authHeaders('admin');
    const bad = await postGraphQL(stack.gatewayUrl, REPORT, { filter: { cohort: '2025-13' } }, headers);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0]?.message).toMatch(/filter\.cohort/);
    const tooLong = await postGraphQL(stack.gatewayUrl, REPORT, { trendMonths: 99 }, headers);
    expect(tooLong.body.errors?.[0]?.message).toMatch(/trendMonths/);
  });
});
