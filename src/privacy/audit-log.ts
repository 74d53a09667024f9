import type { Collection, Db, Filter } from 'mongodb';
import { AUDIT_COLLECTION, type AuditEntryDoc } from '../contract/documents';
import type { AuditQuery, InternalOutput } from '../contract/internal-operations';

/*
 * The PII audit log's storage: every service keeps its entries (who read which entity's personal
 * data, when, in which operation; ids and field names, never values) in the `audit` collection of
 * its own database. The identity subgraph's `auditLog` asks each service for its part.
 */

export function auditCollection(db: Db): Collection<AuditEntryDoc> {
  return db.collection<AuditEntryDoc>(AUDIT_COLLECTION);
}

/** The indexes behind `auditLog`'s filters, newest first; idempotent. */
export async function ensureAuditIndexes(db: Db): Promise<void> {
  await auditCollection(db).createIndexes([
    { key: { at: -1, _id: -1 } },
    { key: { sub: 1, at: -1, _id: -1 } },
    { key: { entityType: 1, entityKey: 1, at: -1, _id: -1 } },
  ]);
}

/** The MongoDB filter of an `audit-entries` query. */
export function auditFilter(query: AuditQuery): Filter<AuditEntryDoc> {
  const conditions: Filter<AuditEntryDoc>[] = [];
  if (query.sub !== undefined) conditions.push({ sub: query.sub });
  if (query.entityType !== undefined) conditions.push({ entityType: query.entityType });
  if (query.entityKeys !== undefined) conditions.push({ entityKey: { $in: query.entityKeys } });
  if (query.entities !== undefined) {
    conditions.push({ $or: query.entities.map(({ entityType, keys }) => ({ entityType, entityKey: { $in: keys } })) });
  }
  if (query.since !== undefined || query.until !== undefined) {
    conditions.push({
      at: { ...(query.since ? { $gte: new Date(query.since) } : {}), ...(query.until ? { $lt: new Date(query.until) } : {}) },
    });
  }
  if (query.before !== undefined) {
    const at = new Date(query.before.at);
    conditions.push({ $or: [{ at: { $lt: at } }, { at, _id: { $lt: query.before.id } }] });
  }
  return conditions.length === 0 ? {} : { $and: conditions };
}

/** A service's answer to `audit-entries`: its newest entries matching the query, newest first. */
export async function auditEntries(db: Db, query: AuditQuery): Promise<InternalOutput<'audit-entries'>> {
  const found = await auditCollection(db).find(auditFilter(query)).sort({ at: -1, _id: -1 }).limit(query.limit).toArray();
  return { entries: found.map((entry) => ({ ...entry, at: entry.at.toISOString() })) };
}

/**
 * Keeps a forgotten customer's audit entries (who read personal data, and when, is a record to
 * keep) but replaces the keys naming them with `forgotten:<customerId>`, which ties them to the
 * privacy log and to nothing else. Returns how many entries changed.
 */
export async function pseudonymiseAuditEntries(db: Db, keys: Iterable<string>, customerId: string): Promise<number> {
  const unique = [...new Set(keys)];
  let modified = 0;
  for (let i = 0; i < unique.length; i += AUDIT_KEYS_PER_UPDATE) {
    const batch = unique.slice(i, i + AUDIT_KEYS_PER_UPDATE);
    modified += (await auditCollection(db).updateMany({ entityKey: { $in: batch } }, { $set: { entityKey: `forgotten:${customerId}` } })).modifiedCount;
  }
  return modified;
}

const AUDIT_KEYS_PER_UPDATE = 5_000;
