import { EvidenceCollector } from './evidence';
import type { BufferedFileWriter } from './writer';

export type GroundTruthKind = 'contact' | 'visitor' | 'member' | 'transaction';
export interface GroundTruthRecord {
  source: 'crm' | 'web' | 'pos';
  kind: GroundTruthKind;
  id: string;
  personId: string;
  /**
   * The chain of evidence the record belongs to (`<personId>/<n>`): records of one group are
   * connected by values in the data that no other person holds. See `./evidence.ts`.
   */
  evidenceGroup: string;
  /** Whether the data connects the record to any other record of its person at all. */
  linkable: boolean;
}

/** What the ground truth needs of a generated person (people.ts builds them). */
export interface TruePerson {
  personId: string;
  email: string;
  phone: { number: string };
}

/** Evidence keys of the identifiers a record carries; values are the person's own, whatever their written form. */
export function identifierEvidence(
  person: TruePerson,
  written: { email?: unknown; phone?: unknown; loyaltyId?: unknown; cardToken?: unknown; receiptEmail?: unknown; userId?: unknown },
): string[] {
  const keys: string[] = [];
  if (written.email || written.receiptEmail) keys.push(`email:${person.email}`);
  if (written.phone) keys.push(`phone:${person.phone.number}`);
  if (written.loyaltyId) keys.push(`loyaltyId:${String(written.loyaltyId)}`);
  if (written.cardToken) keys.push(`cardToken:${String(written.cardToken)}`);
  if (written.userId) keys.push(`webUserId:${String(written.userId)}`);
  return keys;
}

/** `ground-truth.jsonl`: which true person every generated record belongs to, in generation order. */
export class GroundTruth {
  private readonly rows: Omit<GroundTruthRecord, 'evidenceGroup' | 'linkable'>[] = [];
  private readonly evidence = new EvidenceCollector();

  /** Notes a record's true person and its evidence keys; returns its index for `addKeys`. */
  add(source: GroundTruthRecord['source'], kind: GroundTruthKind, id: string, person: TruePerson, evidence: string[] = []): number {
    this.rows.push({ source, kind, id, personId: person.personId });
    return this.evidence.add(person.personId, evidence);
  }

  addKeys(record: number, keys: string[]): void {
    this.evidence.addKeys(record, keys);
  }

  /** Writes every row, once every record is generated; returns how many. */
  async write(out: BufferedFileWriter): Promise<number> {
    const groups = this.evidence.groups();
    for (let i = 0; i < this.rows.length; i++) {
      out.line(JSON.stringify({ ...this.rows[i], ...groups[i] }));
      await out.flushIfFull();
    }
    return this.rows.length;
  }
}
