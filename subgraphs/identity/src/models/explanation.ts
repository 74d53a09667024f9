import type { CustomerDoc, IdentityRecordDoc } from '../../../../src/identity/store/documents';
import { explainComparison, type Link } from '../../../../src/identity';
import type { LinkedRecord, RecordLink } from '../__generated__/resolvers-types';

/** `explainCustomer`'s answer: the customer (its links and decisions) and its records. */
export interface CustomerExplanationModel {
  customer: CustomerDoc;
  records: LinkedRecord[];
  links: RecordLink[];
}

export function toLinkedRecord(doc: IdentityRecordDoc): LinkedRecord {
  return {
    key: doc._id,
    channel: doc.source,
    kind: doc.kind,
    id: doc.sourceId,
    identifiers: doc.record.identifiers.map((identifier) => ({
      ...identifier,
      sources: [doc.source],
      recordCount: 1,
      firstSeen: doc.record.createdAt,
      lastSeen: doc.record.updatedAt,
    })),
  };
}

/** A link as stored before probabilistic matching: a score and a one-line explanation, no waterfall. */
interface FuzzyEvidenceBefore {
  rule: 'fuzzy';
  score: number;
  explanation: string;
}

export function toRecordLink({ a, b, evidence }: Link): RecordLink {
  if (evidence.rule === 'identifier') {
    return { a, b, rule: 'identifier', identifierType: evidence.identifier.type, identifierValue: evidence.identifier.value };
  }
  const stored = evidence as Link['evidence'] | FuzzyEvidenceBefore;
  if (stored.rule === 'fuzzy') return { a, b, rule: 'fuzzy', score: stored.score, explanation: stored.explanation };
  if (stored.rule !== 'probabilistic') return { a, b, rule: stored.rule };
  return {
    a,
    b,
    rule: 'probabilistic',
    score: stored.weight,
    matchProbability: stored.matchProbability,
    explanation: stored.explanation,
    comparisons: stored.comparisons.map((c) => ({
      field: c.field,
      level: c.label,
      weight: c.weight,
      explanation: explainComparison(c),
      valueA: c.a ?? null,
      valueB: c.b ?? null,
    })),
  };
}
