import { bandOf, type Band, type Channel, type IndexConfig } from './config';
import type { IntegrationIndex } from './score';

export interface PortfolioChannel {
  channel: Channel;
  /** Customers engaged on the channel. */
  engagedCustomers: number;
  /** Means over the customers engaged on the channel whose component is not null. */
  accessibility: number | null;
  consistency: number | null;
  experience: number | null;
  score: number | null;
}

export interface PortfolioIndex {
  customers: number;
  /** Customers whose index is not null. */
  indexed: number;
  /** Mean of the customers' indexes, unrounded; null when no customer has one. */
  score: number | null;
  band: Band | null;
  /** Customers per band; NONE counts those without an index. */
  bands: Record<Band | 'NONE', number>;
  channels: PortfolioChannel[];
}

/** A running mean of the values that are not null. */
class Mean {
  private sum = 0;
  private count = 0;
  add(value: number | null): void {
    if (value === null) return;
    this.sum += value;
    this.count += 1;
  }
  get value(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }
}

/** Adds customers' results one at a time, so a report over 100k customers holds none of them. */
export interface PortfolioAccumulator {
  add(result: IntegrationIndex): void;
  result(): PortfolioIndex;
}

/** A portfolio built one result at a time; `portfolioIndex` is this over an array. */
export function createPortfolioAccumulator(config: IndexConfig): PortfolioAccumulator {
  const bands: Record<Band | 'NONE', number> = { EXEMPLARY: 0, MODERATE: 0, POOR: 0, NONE: 0 };
  const score = new Mean();
  const channels = config.channels.map((channel) => ({
    channel,
    engagedCustomers: 0,
    accessibility: new Mean(),
    consistency: new Mean(),
    experience: new Mean(),
    score: new Mean(),
  }));
  let customers = 0;
  return {
    add(result) {
      customers += 1;
      bands[result.band ?? 'NONE'] += 1;
      score.add(result.score);
      for (const sums of channels) {
        const channel = result.channels.find((c) => c.channel === sums.channel);
        if (channel === undefined || !channel.engaged) continue;
        sums.engagedCustomers += 1;
        sums.accessibility.add(channel.accessibility);
        sums.consistency.add(channel.consistency);
        sums.experience.add(channel.experience);
        sums.score.add(channel.score);
      }
    },
    result() {
      const mean = score.value;
      return {
        customers,
        indexed: customers - bands.NONE,
        score: mean,
        band: mean === null ? null : bandOf(mean, config),
        bands: { ...bands },
        channels: channels.map((c) => ({
          channel: c.channel,
          engagedCustomers: c.engagedCustomers,
          accessibility: c.accessibility.value,
          consistency: c.consistency.value,
          experience: c.experience.value,
          score: c.score.value,
        })),
      };
    },
  };
}

/**
 * The portfolio index over a set of customers' results (all computed with the same `asOf` and
 * configuration): the mean of the non-null indexes, the count per band and per-channel means.
 */
export function portfolioIndex(results: readonly IntegrationIndex[], config: IndexConfig): PortfolioIndex {
  const accumulator = createPortfolioAccumulator(config);
  for (const result of results) accumulator.add(result);
  return accumulator.result();
}
