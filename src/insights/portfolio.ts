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

function mean(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

/**
 * The portfolio index over a set of customers' results (all computed with the same `asOf` and
 * configuration): the mean of the non-null indexes, the count per band and per-channel means.
 */
export function portfolioIndex(results: readonly IntegrationIndex[], config: IndexConfig): PortfolioIndex {
  const bands: Record<Band | 'NONE', number> = { EXEMPLARY: 0, MODERATE: 0, POOR: 0, NONE: 0 };
  for (const result of results) bands[result.band ?? 'NONE'] += 1;
  const score = mean(results.map((r) => r.score));
  const channels = config.channels.map((channel): PortfolioChannel => {
    const engaged = results.flatMap((r) => r.channels.filter((c) => c.channel === channel && c.engaged));
    return {
      channel,
      engagedCustomers: engaged.length,
      accessibility: mean(engaged.map((c) => c.accessibility)),
      consistency: mean(engaged.map((c) => c.consistency)),
      experience: mean(engaged.map((c) => c.experience)),
      score: mean(engaged.map((c) => c.score)),
    };
  });
  return {
    customers: results.length,
    indexed: results.length - bands.NONE,
    score,
    band: score === null ? null : bandOf(score, config),
    bands,
    channels,
  };
}
