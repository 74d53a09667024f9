import { DEFAULT_INDEX_CONFIG } from '../../../src/insights/config';
import { portfolioIndex } from '../../../src/insights/portfolio';
import { integrationIndex } from '../../../src/insights/score';
import { contact, crmCase, customer, daysBefore, posReturn, sale, session, T } from './builders';

const config = DEFAULT_INDEX_CONFIG;

describe('portfolioIndex', () => {
  it('averages the customers that have an index and counts every customer in a band or NONE', () => {
    const results = [
      // crm only: A 100, C 100, E 100 → 100, EXEMPLARY.
      customer({
        crmContacts: [contact('C1', { email: 'a@mail.com' })],
        crmCases: [crmCase('K1', 'C1', daysBefore(1), 5)],
      }),
      // pos only: A 100, C null, E 40 → 70, MODERATE.
      customer({ posTransactions: [sale('P1', daysBefore(1), 100), posReturn('P2', daysBefore(1), 60)] }),
      // web only: A 0, C null, E null → 0, POOR.
      customer({ webSessions: [session('S1', daysBefore(1))] }),
      // nothing in the window: no index.
      customer({ webSessions: [session('S1', daysBefore(500))] }),
    ].map((inputs) => integrationIndex(inputs, T, config));

    const portfolio = portfolioIndex(results, config);
    expect(portfolio).toMatchObject({
      customers: 4,
      indexed: 3,
      bands: { EXEMPLARY: 1, MODERATE: 1, POOR: 1, NONE: 1 },
      band: 'POOR',
    });
    expect(portfolio.score).toBeCloseTo(170 / 3, 12);
    expect(portfolio.channels).toEqual([
      { channel: 'crm', engagedCustomers: 1, accessibility: 100, consistency: 100, experience: 100, score: 100 },
      { channel: 'web', engagedCustomers: 1, accessibility: 0, consistency: null, experience: null, score: 0 },
      { channel: 'pos', engagedCustomers: 1, accessibility: 100, consistency: null, experience: 40, score: 70 },
    ]);
  });

  it('has no score for an empty portfolio', () => {
    expect(portfolioIndex([], config)).toMatchObject({ customers: 0, indexed: 0, score: null, band: null });
  });
});
