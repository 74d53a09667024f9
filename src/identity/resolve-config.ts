/**
 * Everything identity resolution can be told: identifier priority, caps, placeholders, the
 * "different people" threshold and the fuzzy rules. `omnidex resolve` builds it from its
 * options; tests and benches start from `defaultResolveConfig()` and override what they probe.
 */
import { DEFAULT_PLACEHOLDERS, type IdentifierType, type PlaceholderRules } from './normalize';

export type FuzzyField = 'firstName' | 'lastName' | 'birthDate' | 'postalCode' | 'email';

export type FieldLevel = 'exact' | 'close' | 'near' | 'different';

/** Score added when a field compares at a level; a missing field adds nothing. */
export interface LevelWeights {
  exact: number;
  close: number;
  near: number;
  different: number;
}

export type BlockingRule = 'birthDate' | 'fullName' | 'postalCodeInitial' | 'emailPrefix';

export interface FuzzyConfig {
  enabled: boolean;
  /** A pair links when its total score reaches this. */
  threshold: number;
  /** Jaro–Winkler from which two strings compare `close` and `near`. */
  closeFrom: number;
  nearFrom: number;
  weights: {
    firstName: LevelWeights;
    lastName: LevelWeights;
    /** `close` is unused: dates are same / near (one part differs or day↔month) / different. */
    birthDate: LevelWeights;
    postalCode: LevelWeights;
    email: LevelWeights;
  };
  /**
   * A match also needs one of these fields to agree (exact or close). Names and email handles are no
   * corroboration of each other — handles are built from names — so two people of the same name
   * must also share a birth date or a postal area before they are one customer.
   */
  corroboratedBy: FuzzyField[];
  /** Records sharing one of these keys are compared; nobody else is (keeps cost near-linear). */
  blocking: BlockingRule[];
  /** A block larger than this is skipped (and recorded): it would cost O(n²) and mean little. */
  maxBlockSize: number;
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
  /** Full names whose similarity is below this are "not similar" for the different-people rule. */
  similarNamesFrom: number;
  fuzzy: FuzzyConfig;
}

export function defaultResolveConfig(): ResolveConfig {
  return {
    // System-issued account ids first; email before phone because households and employers
    // share phones more than inboxes; a payment card last because couples share one.
    priority: ['loyaltyId', 'webUserId', 'email', 'phone', 'cardToken'],
    caps: { loyaltyId: 4, webUserId: 20, email: 8, phone: 8, cardToken: 8 },
    placeholders: structuredClone(DEFAULT_PLACEHOLDERS),
    similarNamesFrom: 0.8,
    fuzzy: {
      enabled: true,
      threshold: 6.5,
      closeFrom: 0.92,
      nearFrom: 0.8,
      weights: {
        firstName: { exact: 3, close: 2, near: 0.5, different: -2 },
        lastName: { exact: 3.5, close: 2.5, near: 0.5, different: -2 },
        birthDate: { exact: 4, close: 0, near: 1, different: -2 },
        postalCode: { exact: 2, close: 1, near: 0.5, different: -1 },
        email: { exact: 5, close: 3, near: 1, different: -3 },
      },
      corroboratedBy: ['birthDate', 'postalCode'],
      blocking: ['birthDate', 'fullName', 'postalCodeInitial', 'emailPrefix'],
      maxBlockSize: 100,
    },
  };
}
