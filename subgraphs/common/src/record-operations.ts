import { EJSON } from 'bson';
import type { Db, Document } from 'mongodb';
import type { Channel } from '../../../src/contract/documents';
import type { ForgetCount, RecordIds } from '../../../src/contract/internal-operations';
import { chunks } from '../../../src/identity/store/collections';
import { pseudonymiseAuditEntries } from '../../../src/privacy/audit-log';
import { deleteByIds, IN_BATCH, scrubQuarantine } from '../../../src/privacy/held-records';
import { countPending } from '../../../src/live/outbox';
import { forgetPartials } from '../../../src/insights/partials';
import { dropCachedSuppression } from './ingest-operation';
import type { InternalHandlers } from './internal';

/** One collection of a channel's database that holds a customer's data. */
export interface HeldCollection {
  name: string;
  /** The field that names the customer's entity, and which list of `RecordIds` holds its values. */
  by: { field: string; ids: keyof RecordIds };
  /** The export's order. */
  sort: Record<string, 1 | -1>;
  /** Its documents' ids name audit entries (cases, sessions, events): re-keyed before they go. */
  audited?: boolean;
  /**
   * What forgetting does to the documents; they are deleted by default. Receipts are kept for the
   * books, pseudonymised.
   */
  forget?: (db: Db, ids: readonly string[], now: Date) => Promise<Pick<ForgetCount, 'action' | 'count'>>;
  /** The field rows carry their import time in, for `latest-import`. */
  importedAtField?: string;
}

export interface ChannelHoldings {
  channel: Channel;
  /** In the order they are forgotten: children before the parent that names them. */
  collections: readonly HeldCollection[];
  /** The ids (besides the customer's) that this channel's audit entries name the customer's entities by. */
  auditedIds: readonly (keyof RecordIds)[];
}

/** The records each channel keeps report partials for (src/insights/partials.ts), by their ids' list. */
const PARTIAL_RECORD_IDS: Record<Channel, keyof RecordIds> = { crm: 'contactIds', web: 'visitorIds', pos: 'memberIds' };

async function idsOf(db: Db, collection: HeldCollection, records: RecordIds): Promise<string[]> {
  const out: string[] = [];
  for (const batch of chunks(records[collection.by.ids], IN_BATCH)) {
    const found = db.collection<{ _id: string }>(collection.name).find({ [collection.by.field]: { $in: batch } }, { projection: { _id: 1 } });
    for await (const doc of found) out.push(doc._id);
  }
  return out;
}

/**
 * The internal operations of a channel subgraph over what its database holds (src/contract/
 * internal-operations.ts): `forget-records` re-keys the audit entries naming the customer, then
 * forgets each collection's documents and scrubs the quarantine; `export-records` returns the
 * documents in full (as extended JSON, so dates stay dates); `latest-import` the newest import time.
 */
export function channelRecordOperations(holdings: ChannelHoldings): InternalHandlers {
  const { channel, collections } = holdings;
  return {
    async 'forget-records'({ customerId, records, suppressionHashes, now }, { db, runtime }) {
      if (!runtime.privacySecret) throw new Error(`the ${channel} subgraph was started without a privacy secret (OMNIDEX_PRIVACY_SECRET)`);
      const counts: ForgetCount[] = [];
      // Before the documents go: the audit entries name cases and sessions found through them.
      const auditKeys = [...records.customerIds, ...holdings.auditedIds.flatMap((list) => records[list])];
      for (const collection of collections.filter((c) => c.audited)) auditKeys.push(...(await idsOf(db, collection, records)));
      counts.push({ database: channel, collection: 'audit', action: 'pseudonymised', count: await pseudonymiseAuditEntries(db, auditKeys, customerId) });
      for (const collection of collections) {
        const ids = records[collection.by.ids];
        const done = collection.forget
          ? await collection.forget(db, ids, new Date(now))
          : { action: 'deleted' as const, count: await deleteByIds(db.collection(collection.name), collection.by.field, ids) };
        counts.push({ database: channel, collection: collection.name, ...done });
      }
      // The report's partials are derived from what was just forgotten: they go with it.
      const partialIds = records[PARTIAL_RECORD_IDS[channel]];
      counts.push({ database: channel, collection: 'report_partials', action: 'deleted', count: await forgetPartials(db, partialIds) });
      // The ingest API asks identity for the list again before the next body.
      dropCachedSuppression(db);
      const scrubbed = await scrubQuarantine(db, runtime.privacySecret, suppressionHashes);
      counts.push({ database: channel, collection: 'quarantine', action: 'deleted', count: scrubbed });
      return { counts };
    },

    async 'export-records'({ records }, { db }) {
      const out: Record<string, Record<string, unknown>[]> = {};
      for (const collection of collections) {
        const docs: Document[] = [];
        for (const batch of chunks([...new Set(records[collection.by.ids])], IN_BATCH)) {
          docs.push(...(await db.collection(collection.name).find({ [collection.by.field]: { $in: batch } }).sort(collection.sort).toArray()));
        }
        out[collection.name] = docs.map((doc) => EJSON.serialize(doc, { relaxed: false }));
      }
      return { collections: out };
    },

    async 'latest-import'(_input, { db }) {
      let latest: Date | undefined;
      for (const { name, importedAtField } of collections) {
        if (!importedAtField) continue;
        // Ingested rows are the live resolver's (the backlog below), not the import watermark's.
        const ingestIdField = importedAtField.replace(/importedAt$/, 'ingestId');
        const newest = await db
          .collection(name)
          .find({ [ingestIdField]: { $exists: false } }, { projection: { [importedAtField]: 1 } })
          .sort({ [importedAtField]: -1 })
          .limit(1)
          .next();
        const at = readPath(newest, importedAtField);
        if (at instanceof Date && (!latest || at > latest)) latest = at;
      }
      return { importedAt: latest?.toISOString() ?? null, liveBacklog: await countPending(db, 1_000_000) };
    },
  };
}

/** A dotted path's value; an array along the way yields its elements' latest Date. */
function readPath(doc: unknown, path: string): unknown {
  let values: unknown[] = [doc];
  for (const part of path.split('.')) {
    values = values.flatMap((value) => {
      const next = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
      return Array.isArray(next) ? next : [next];
    });
  }
  const dates = values.filter((v): v is Date => v instanceof Date);
  return dates.length === 0 ? undefined : dates.reduce((a, b) => (a > b ? a : b));
}
