import { DEFAULT_INDEX_CONFIG, parseIndexConfig } from '../../../src/insights/config';
import { customerMetrics } from '../../../src/insights/metrics';
import { crmCase, customer, daysBefore, posReturn, sale, session, T } from './builders';

const config = DEFAULT_INDEX_CONFIG;

describe('customerMetrics', () => {
  it('is empty for a customer without interactions', () => {
    expect(customerMetrics(customer(), T, config)).toEqual({
      asOf: T,
      lifetimeValue: [],
      orders: { web: 0, posSales: 0, posReturns: 0 },
      firstInteractionAt: null,
      lastInteractionAt: null,
      interactionsInWindow: { crm: 0, web: 0, pos: 0 },
      preferredChannel: null,
    });
  });

  it('adds web orders and POS sales, less returns, per currency, over the whole history up to asOf', () => {
    const metrics = customerMetrics(
      customer({
        webOrders: [
          { orderId: 'O1', at: daysBefore(900), amount: 19.99, currency: 'GBP' },
          { orderId: 'O2', at: daysBefore(10), amount: 0.01, currency: 'GBP' },
          { orderId: 'O3', at: daysBefore(5) },
          { orderId: 'O4', at: daysBefore(-1), amount: 1000, currency: 'GBP' },
        ],
        posTransactions: [
          sale('P1', daysBefore(3), 30.1),
          posReturn('P2', daysBefore(2), 0.1),
          sale('P3', daysBefore(2), 0, { amounts: [{ currency: 'EUR', amount: 15 }] }),
          posReturn('P4', daysBefore(1), 0, { amounts: [{ currency: 'EUR', amount: 40 }] }),
        ],
      }),
      T,
      config,
    );
    expect(metrics.lifetimeValue).toEqual([
      { currency: 'EUR', amount: -25, webOrders: 0, posSales: 15, posReturns: 40 },
      { currency: 'GBP', amount: 50, webOrders: 20, posSales: 30.1, posReturns: 0.1 },
    ]);
    expect(metrics.orders).toEqual({ web: 3, posSales: 2, posReturns: 2 });
  });

  it('finds the first and last interaction across channels up to asOf', () => {
    const metrics = customerMetrics(
      customer({
        crmCases: [crmCase('K1', 'C1', daysBefore(800))],
        webSessions: [session('S1', daysBefore(3)), session('S2', daysBefore(-2))],
        posTransactions: [sale('P1', daysBefore(400), 10)],
      }),
      T,
      config,
    );
    expect(metrics.firstInteractionAt).toEqual(daysBefore(800));
    expect(metrics.lastInteractionAt).toEqual(daysBefore(3));
    expect(metrics.interactionsInWindow).toEqual({ crm: 0, web: 1, pos: 0 });
  });

  it('prefers the channel with the most interactions in the window', () => {
    const metrics = customerMetrics(
      customer({
        crmCases: [crmCase('K1', 'C1', daysBefore(1)), crmCase('K2', 'C1', daysBefore(2))],
        webSessions: [session('S1', daysBefore(3)), session('S2', daysBefore(400)), session('S3', daysBefore(500))],
      }),
      T,
      config,
    );
    expect(metrics.preferredChannel).toBe('crm');
  });

  it('breaks a tie by the most recent interaction, then by configuration order', () => {
    const recent = customer({
      crmCases: [crmCase('K1', 'C1', daysBefore(5))],
      posTransactions: [sale('P1', daysBefore(2), 10)],
    });
    expect(customerMetrics(recent, T, config).preferredChannel).toBe('pos');

    const sameInstant = customer({
      crmCases: [crmCase('K1', 'C1', daysBefore(2))],
      posTransactions: [sale('P1', daysBefore(2), 10)],
    });
    expect(customerMetrics(sameInstant, T, config).preferredChannel).toBe('crm');
    expect(customerMetrics(sameInstant, T, parseIndexConfig({ channels: ['pos', 'crm', 'web'] })).preferredChannel).toBe(
      'pos',
    );
  });
});
