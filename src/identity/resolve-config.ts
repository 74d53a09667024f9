/**
 * Everything identity resolution can be told: identifier priority, caps, placeholders and the
 * probabilistic matching. `omnidex resolve` builds it from its options; tests and benches start
 * from `defaultResolveConfig()` and override what they probe.
 */
import { DEFAULT_PLACEHOLDERS, type IdentifierType, type PlaceholderRules } from './normalize';
import { BLOCKING_RULES, type BlockingRule } from './probabilistic';

export type { BlockingRule };

export interface MatchingConfig {
  /** Probabilistic matching of profile records on their attributes (names, birth date, address, ...). */
  enabled: boolean;
  /** Two records are linked when the probability that they are one person reaches this. */
  matchProbability: number;
  /** Records sharing a key of one of these rules are compared; nobody else is (keeps cost near-linear). */
  blocking: BlockingRule[];
  /** A block larger than this is skipped (and recorded): it would cost O(n²) and mean little. */
  maxBlockSize: number;
  /**
   * Two named records are "clearly different people" when the evidence against them (the negative
   * weights of first name, birth date and phone) adds up to this many bits or fewer (−7: 128 to 1).
   */
  differentPeopleBelow: number;
  /** Sample sizes of the estimation (see match-model.ts). */
  estimation: { randomPairs: number; emPairsPerRule: number; emIterations: number };
}

export interface ResolveConfig {
  /** Identifier types are linked in this order; when two links conflict, the earlier type wins. */
  priority: IdentifierType[];
  /**
   * An identifier held by more profile records (contacts, members, visitors) than this is
   * non-unique and links nothing. Receipts are not counted: a loyal shopper repeats the same card
   * and email on hundreds of them.
   */
  caps: Record<IdentifierType, number>;
  placeholders: PlaceholderRules;
  matching: MatchingConfig;
}

export function defaultResolveConfig(): ResolveConfig {
  return {
    // System-issued account ids first; email before phone because households and employers
    // share phones more than inboxes; a payment card last because couples share one.
    priority: ['loyaltyId', 'webUserId', 'email', 'phone', 'cardToken'],
    caps: { loyaltyId: 4, webUserId: 20, email: 8, phone: 8, cardToken: 8 },
    placeholders: structuredClone(DEFAULT_PLACEHOLDERS),
    matching: {
      enabled: true,
      matchProbability: 0.95,
      blocking: [...BLOCKING_RULES],
      maxBlockSize: 100,
      differentPeopleBelow: -7,
      estimation: { randomPairs: 200_000, emPairsPerRule: 40_000, emIterations: 40 },
    },
  };
}
