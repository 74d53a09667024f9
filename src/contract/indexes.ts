import type { Db, IndexDescription } from 'mongodb';
import { COLLECTIONS, QUARANTINE_COLLECTION, type Channel } from './documents';

const importedAt: IndexDescription = { key: { 'imported.importedAt': 1 } };
const quarantine: IndexDescription[] = [{ key: { importId: 1, file: 1, line: 1 } }, { key: { file: 1, line: 1 } }];

/**
 * Every secondary index of a channel database, in one list: those its service reads by, those the
 * importer looks rows up by, and resolve's watermark (`imported.importedAt`). One list because an
 * import that creates them before it writes maintains them entry by entry as it goes, while a
 * service that first creates them after a large import builds each over every document at start-up
 * (three indexes over 1.7M web events held a 100k-customer `serve` for a minute). A compound
 * index also serves lookups by its leading field, so `sessionId` and `visitorId` need no index of
 * their own.
 */
export const CHANNEL_INDEXES: { readonly [C in Channel]: Readonly<Record<string, readonly IndexDescription[]>> } = {
  crm: {
    [COLLECTIONS.crm.contacts]: [importedAt, { key: { createdAt: -1, _id: -1 } }],
    // openedAt alone: the report reads the cases between a window's edge and the nearest month.
    [COLLECTIONS.crm.cases]: [importedAt, { key: { contactId: 1, openedAt: -1, _id: -1 } }, { key: { openedAt: 1 } }],
    [QUARANTINE_COLLECTION]: quarantine,
  },
  web: {
    [COLLECTIONS.web.events]: [
      importedAt,
      { key: { sessionId: 1, at: 1, _id: 1 } },
      { key: { visitorId: 1, type: 1, at: -1, _id: -1 } },
      { key: { orderId: 1 } },
    ],
    [COLLECTIONS.web.sessions]: [{ key: { visitorId: 1, startedAt: -1, _id: -1 } }, { key: { startedAt: 1 } }],
    [COLLECTIONS.web.visitors]: [{ key: { firstSeenAt: -1, _id: -1 } }],
    [QUARANTINE_COLLECTION]: quarantine,
  },
  pos: {
    [COLLECTIONS.pos.members]: [importedAt],
    // at alone: the report reads the receipts in its windows.
    [COLLECTIONS.pos.transactions]: [{ key: { 'lines.imported.importedAt': 1 } }, { key: { shopperKey: 1, at: -1, _id: -1 } }, { key: { at: 1 } }],
    [QUARANTINE_COLLECTION]: quarantine,
  },
};

/** Creates a channel database's indexes; idempotent (MongoDB keeps the ones that exist). */
export async function ensureChannelIndexes(db: Db, channel: Channel): Promise<void> {
  for (const [collection, indexes] of Object.entries(CHANNEL_INDEXES[channel])) {
    await db.collection(collection).createIndexes([...indexes]);
  }
}
