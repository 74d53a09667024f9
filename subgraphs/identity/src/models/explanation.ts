import type { CustomerDoc, IdentityRecordDoc } from '../../../../src/identity/store/documents';
import type { Link } from '../../../../src/identity';
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

export function toRecordLink({ a, b, evidence }: Link): RecordLink {
  if (evidence.rule === 'identifier') {
    return { a, b, rule: 'identifier', identifierType: evidence.identifier.type, identifierValue: evidence.identifier.value };
  }
  return { a, b, rule: 'fuzzy', score: evidence.score, explanation: evidence.explanation };
}
