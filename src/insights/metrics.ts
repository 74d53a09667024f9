import type { Channel, IndexConfig } from './config';
import type { CustomerInputs } from './inputs';
import { inWindow, roundMoney, windowEndingAt } from './score';

/** Money a customer brought in one currency, up to `asOf`; never converted between currencies. */
export interface LifetimeValue {
  currency: string;
  /** webOrders + posSales − posReturns; negative when more came back than was bought. */
  amount: number;
  webOrders: number;
  posSales: number;
  posReturns: number;
}

/** Derived figures for the customer-360 view. */
export interface CustomerMetrics {
  asOf: Date;
  /** One entry per currency seen, sorted by currency code. */
  lifetimeValue: LifetimeValue[];
  /** Counts up to `asOf`; web orders without an amount are counted here but add no value. */
  orders: { web: number; posSales: number; posReturns: number };
  /** Earliest and latest interaction (case opened, session started, receipt) up to `asOf`. */
  firstInteractionAt: Date | null;
  lastInteractionAt: Date | null;
  /** Interactions in the index window, per configured channel. */
  interactionsInWindow: Partial<Record<Channel, number>>;
  /**
   * The channel with the most interactions in the window; a tie goes to the channel used most
   * recently, then to the earlier channel in the configuration; null without any interaction.
   */
  preferredChannel: Channel | null;
}

function interactionTimes(inputs: CustomerInputs): Record<Channel, Date[]> {
  return {
    crm: inputs.crmCases.map((c) => c.openedAt),
    web: inputs.webSessions.map((s) => s.startedAt),
    pos: inputs.posTransactions.map((t) => t.at),
  };
}

/** Lifetime value, order counts, first and last interaction and preferred channel as of `asOf`. */
export function customerMetrics(inputs: CustomerInputs, asOf: Date, config: IndexConfig): CustomerMetrics {
  const upTo = (at: Date) => at.getTime() <= asOf.getTime();
  const values = new Map<string, LifetimeValue>();
  const valueIn = (currency: string) => {
    const value = values.get(currency) ?? { currency, amount: 0, webOrders: 0, posSales: 0, posReturns: 0 };
    values.set(currency, value);
    return value;
  };

  const webOrders = inputs.webOrders.filter((o) => upTo(o.at));
  for (const order of webOrders) {
    if (order.amount === undefined || order.currency === undefined) continue;
    valueIn(order.currency).webOrders += order.amount;
  }
  const transactions = inputs.posTransactions.filter((t) => upTo(t.at));
  for (const t of transactions) {
    for (const { currency, amount } of t.amounts) {
      if (t.type === 'sale') valueIn(currency).posSales += amount;
      else valueIn(currency).posReturns += amount;
    }
  }
  const lifetimeValue = [...values.values()]
    .map((v) => ({
      currency: v.currency,
      amount: roundMoney(v.webOrders + v.posSales - v.posReturns),
      webOrders: roundMoney(v.webOrders),
      posSales: roundMoney(v.posSales),
      posReturns: roundMoney(v.posReturns),
    }))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));

  const times = interactionTimes(inputs);
  const allTimes = Object.values(times)
    .flat()
    .filter(upTo)
    .map((at) => at.getTime());

  const window = windowEndingAt(asOf, config);
  const inWindowByChannel = config.channels.map((channel) => {
    const recent = times[channel].filter((at) => inWindow(at, window)).map((at) => at.getTime());
    return { channel, count: recent.length, latest: recent.reduce((a, b) => Math.max(a, b), -Infinity) };
  });
  // Stable sort keeps configuration order for full ties.
  const preferred = [...inWindowByChannel]
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || b.latest - a.latest)[0];

  return {
    asOf,
    lifetimeValue,
    orders: {
      web: webOrders.length,
      posSales: transactions.filter((t) => t.type === 'sale').length,
      posReturns: transactions.filter((t) => t.type === 'return').length,
    },
    // reduce rather than Math.min(...): a long history would overflow the argument list.
    firstInteractionAt: allTimes.length === 0 ? null : new Date(allTimes.reduce((a, b) => Math.min(a, b))),
    lastInteractionAt: allTimes.length === 0 ? null : new Date(allTimes.reduce((a, b) => Math.max(a, b))),
    interactionsInWindow: Object.fromEntries(inWindowByChannel.map((c) => [c.channel, c.count])),
    preferredChannel: preferred?.channel ?? null,
  };
}
