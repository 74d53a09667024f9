/**
 * Admin corrections (`splitCustomer`, `unlinkRecord`): the decision is stored for good, then the
 * customer's records are re-clustered at once, so the correction shows now and every later resolve
 * honours it. Both touch the identity database only: the records are re-clustered from what it holds.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { ManualDecisionDoc } from './documents';
import { splitDecision, unlinkDecision, type ManualDecision } from '../resolve';
import { identityCollections } from './collections';
import { reclusterRecords, type ResolveOptions, type ResolveReport } from './resolve-run';

/** Thrown for a correction that cannot apply; the message names what was wrong. */
export class ManualDecisionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManualDecisionError';
  }
}

export interface CorrectionResult {
  decision: ManualDecisionDoc;
  /** The customers the records are in afterwards. */
  customerIds: string[];
  report: ResolveReport;
}

async function apply(
  identityDb: Db,
  customerId: string,
  build: (id: string, records: string[]) => ManualDecision,
  note: string | undefined,
  options: Omit<ResolveOptions, 'recheck'>,
): Promise<CorrectionResult> {
  const identity = identityCollections(identityDb);
  const records = (await identity.records.find({ customerId }, { projection: { _id: 1 } }).toArray()).map((r) => r._id).sort();
  if (records.length === 0) throw new ManualDecisionError(`No customer ${customerId} (or it has no records)`);
  let decision: ManualDecision;
  try {
    decision = build(`dec_${randomBytes(6).toString('hex')}`, records);
  } catch (error) {
    throw new ManualDecisionError(error instanceof Error ? error.message : String(error));
  }
  const doc: ManualDecisionDoc = { ...decision, _id: decision.id, createdAt: new Date(), customerId, ...(note ? { note } : {}) };
  await identity.decisions.insertOne(doc);
  const report = await reclusterRecords(identityDb, records, options);
  const after = await identity.records.find({ _id: { $in: records } }, { projection: { customerId: 1 } }).toArray();
  return { decision: doc, customerIds: [...new Set(after.map((r) => r.customerId))].sort(), report };
}

/** Splits customer `customerId` into `parts` (record keys covering its records exactly once). */
export function splitCustomer(
  identity: Db,
  customerId: string,
  parts: string[][],
  note?: string,
  options: Omit<ResolveOptions, 'recheck'> = {},
): Promise<CorrectionResult> {
  return apply(identity, customerId, (id, records) => splitDecision(id, records, parts), note, options);
}

/** Takes `record` out of customer `customerId`: it never again shares a customer with its present mates. */
export function unlinkRecord(
  identity: Db,
  customerId: string,
  record: string,
  note?: string,
  options: Omit<ResolveOptions, 'recheck'> = {},
): Promise<CorrectionResult> {
  return apply(identity, customerId, (id, records) => unlinkDecision(id, record, records), note, options);
}
