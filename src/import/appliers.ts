/**
 * Appliers write one batch of validated rows to their channel collection: one `find` with `$in` for
 * the batch's ids, the merge rules in memory, then one `bulkWrite`. Each returns how many rows were
 * inserted, updated or left unchanged, so the importer can account for every row it read.
 */
import { isDeepStrictEqual } from 'node:util';
import type { AnyBulkWriteOperation, Collection, Document, Filter, WithoutId } from 'mongodb';
import type { Databases } from '../db';
import {
  COLLECTIONS,
  shopperKeyOf,
  type CrmCaseDoc,
  type CrmContactDoc,
  type ImportProvenance,
  type PosLineDoc,
  type PosMemberDoc,
  type PosTransactionDoc,
  type WebEventDoc,
} from '../contract/documents';
import type { CaseRow, ContactRow, EventRow, MemberRow, TransactionLineRow } from '../contract/schemas';
import { recordPendingPartials } from '../insights/partials';
import { recordPendingRebuild, type TouchedWebEntities } from './web-derived';

export interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface ValidRow<T> {
  line: number;
  row: T;
}

export interface Applier<T> {
  apply(rows: ValidRow<T>[]): Promise<Counts>;
}

export interface ApplyContext {
  dbs: Pick<Databases, 'crm' | 'web' | 'pos'>;
  /** The file's path relative to the import directory. */
  file: string;
  /** One instant for the whole import run: it also tells rows of this run from earlier ones. */
  importedAt: Date;
  importId: string;
  /** The `importedAt` (ms) of earlier runs that were interrupted and never finished. */
  interruptedRuns: ReadonlySet<number>;
  /** The ingest API's request id, recorded in the rows' provenance; absent for `omnidex import`. */
  ingestId?: string;
}

function provenance(ctx: ApplyContext, line: number): ImportProvenance {
  const imported: ImportProvenance = { file: ctx.file, line, importedAt: ctx.importedAt };
  if (ctx.ingestId !== undefined) imported.ingestId = ctx.ingestId;
  return imported;
}

type Stored = Document & { _id: string; imported?: ImportProvenance };

function withoutProvenance<D extends Stored>(doc: D): Omit<D, 'imported'> {
  const { imported: _ignored, ...rest } = doc;
  return rest;
}

function sameContent(a: Stored, b: Stored): boolean {
  return isDeepStrictEqual(withoutProvenance(a), withoutProvenance(b));
}

/**
 * Whether the stored document is this file's own: written by this run, or by a run of the same file
 * that was interrupted. Rows after it then replace it unconditionally (the last row wins), so a
 * re-run ends where an uninterrupted run would have, whichever of the file's rows the interrupted
 * one had got to.
 */
function ofThisFile(doc: Stored, ctx: ApplyContext): boolean {
  if (doc.imported?.file !== ctx.file) return false;
  const at = doc.imported.importedAt?.getTime();
  return at === ctx.importedAt.getTime() || (at !== undefined && ctx.interruptedRuns.has(at));
}

async function loadByIds<D extends Stored>(collection: Collection<D>, ids: string[]): Promise<Map<string, D>> {
  const found = (await collection.find({ _id: { $in: ids } } as Filter<D>).toArray()) as unknown as D[];
  return new Map(found.map((doc) => [doc._id, doc]));
}

interface DocumentApplierOptions<T, D extends Stored> {
  collection: Collection<D>;
  idOf(row: T): string;
  toDoc(row: T, provenance: ImportProvenance): D;
  /**
   * Whether a row from another import (or another file) may replace the stored document. Within one
   * file the last row for an id always wins, whatever this says.
   */
  replaces?(incoming: D, stored: D): boolean;
  /** Called with every document to write and the one it replaces; the bulk write waits for it. */
  beforeWrite?(written: { doc: D; previous: D | undefined }[]): Promise<void>;
}

/** Upsert by source id for rows that are whole documents (contacts, cases, events, members). */
function createDocumentApplier<T, D extends Stored>(ctx: ApplyContext, options: DocumentApplierOptions<T, D>): Applier<T> {
  return {
    async apply(rows) {
      const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
      const stored = await loadByIds(options.collection, [...new Set(rows.map(({ row }) => options.idOf(row)))]);
      // What each id holds after the rows seen so far; `written` marks those to send.
      const current = new Map<string, { doc: D; ofThisFile: boolean; written: boolean; previous: D | undefined }>();
      for (const [id, doc] of stored) current.set(id, { doc, ofThisFile: ofThisFile(doc, ctx), written: false, previous: doc });

      for (const { line, row } of rows) {
        const id = options.idOf(row);
        const incoming = options.toDoc(row, provenance(ctx, line));
        const state = current.get(id);
        if (!state) {
          counts.inserted += 1;
          current.set(id, { doc: incoming, ofThisFile: true, written: true, previous: undefined });
        } else if (sameContent(state.doc, incoming)) {
          counts.unchanged += 1;
        } else if (state.ofThisFile || !options.replaces || options.replaces(incoming, state.doc)) {
          counts.updated += 1;
          current.set(id, { doc: incoming, ofThisFile: true, written: true, previous: state.previous });
        } else {
          counts.unchanged += 1;
        }
      }

      const written = [...current.values()].filter((state) => state.written);
      if (written.length > 0) {
        await options.beforeWrite?.(written);
        const writes = written.map(({ doc }): AnyBulkWriteOperation<D> => ({
          replaceOne: { filter: { _id: doc._id } as Filter<D>, replacement: doc as WithoutId<D>, upsert: true },
        }));
        await options.collection.bulkWrite(writes, { ordered: false });
      }
      return counts;
    },
  };
}

/**
 * Names the records whose report partials the written documents change (`ids` of each document
 * and of the one it replaces), before they are written, so a kill in between leaves them pending.
 */
function pendingPartials<D extends Stored>(ctx: ApplyContext, db: 'crm' | 'pos', ids: (doc: D) => string) {
  return async (written: { doc: D; previous: D | undefined }[]) => {
    const touched = written.flatMap(({ doc, previous }) => (previous ? [ids(doc), ids(previous)] : [ids(doc)]));
    await recordPendingPartials(ctx.dbs[db], `${ctx.importId}:${ctx.file}:${written[0]!.doc.imported?.line}`, touched);
  };
}

const newerOrSame = (incoming: { updatedAt: Date }, stored: { updatedAt: Date }) =>
  incoming.updatedAt.getTime() >= stored.updatedAt.getTime();

export function createContactApplier(ctx: ApplyContext): Applier<ContactRow> {
  return createDocumentApplier<ContactRow, CrmContactDoc>(ctx, {
    collection: ctx.dbs.crm.collection<CrmContactDoc>(COLLECTIONS.crm.contacts),
    idOf: (row) => row.contactId,
    toDoc: (row, imported) => ({ _id: row.contactId, ...row, imported }),
    replaces: newerOrSame,
    beforeWrite: pendingPartials<CrmContactDoc>(ctx, 'crm', (doc) => doc._id),
  });
}

export function createMemberApplier(ctx: ApplyContext): Applier<MemberRow> {
  return createDocumentApplier<MemberRow, PosMemberDoc>(ctx, {
    collection: ctx.dbs.pos.collection<PosMemberDoc>(COLLECTIONS.pos.members),
    idOf: (row) => row.loyaltyId,
    toDoc: (row, imported) => ({ _id: row.loyaltyId, ...row, imported }),
    replaces: newerOrSame,
    beforeWrite: pendingPartials<PosMemberDoc>(ctx, 'pos', (doc) => doc._id),
  });
}

export function createCaseApplier(ctx: ApplyContext): Applier<CaseRow> {
  return createDocumentApplier<CaseRow, CrmCaseDoc>(ctx, {
    collection: ctx.dbs.crm.collection<CrmCaseDoc>(COLLECTIONS.crm.cases),
    idOf: (row) => row.caseId,
    toDoc: (row, imported) => ({ _id: row.caseId, ...row, imported }),
    // A case moved to another contact changes both contacts' tallies.
    beforeWrite: pendingPartials<CrmCaseDoc>(ctx, 'crm', (doc) => doc.contactId),
  });
}

/** Events: their sessions and visitors are recorded as pending a rebuild before they are written. */
export function createEventApplier(ctx: ApplyContext): Applier<EventRow> {
  return createDocumentApplier<EventRow, WebEventDoc>(ctx, {
    collection: ctx.dbs.web.collection<WebEventDoc>(COLLECTIONS.web.events),
    idOf: (row) => row.eventId,
    toDoc: (row, imported) => ({ _id: row.eventId, ...row, imported }),
    async beforeWrite(written) {
      const touched: TouchedWebEntities = { sessionIds: new Set(), visitorIds: new Set() };
      // An event that moved to another session or visitor leaves the old ones to be rebuilt too.
      for (const event of written.flatMap(({ doc, previous }) => (previous ? [doc, previous] : [doc]))) {
        touched.sessionIds.add(event.sessionId);
        touched.visitorIds.add(event.visitorId);
      }
      await recordPendingRebuild(ctx.dbs.web, ctx.importId, `${ctx.file}:${written[0]!.doc.imported.line}`, touched);
    },
  });
}

// ---- POS transactions: one document per receipt, one line per sku -------------------------

type Header = Pick<PosTransactionDoc, 'storeId' | 'at' | 'type' | 'loyaltyId' | 'cardToken' | 'receiptEmail' | 'extra'>;

function headerOf(source: TransactionLineRow | PosTransactionDoc): Header {
  const header: Header = { storeId: source.storeId, at: source.at, type: source.type };
  if (source.loyaltyId !== undefined) header.loyaltyId = source.loyaltyId;
  if (source.cardToken !== undefined) header.cardToken = source.cardToken;
  if (source.receiptEmail !== undefined) header.receiptEmail = source.receiptEmail;
  if (source.extra !== undefined) header.extra = source.extra;
  return header;
}

function lineContent(line: PosLineDoc): Omit<PosLineDoc, 'imported'> {
  return { lineNo: line.lineNo, sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice, currency: line.currency };
}

/** A stored line's number; lines stored before `lineNo` existed are numbered by position. */
function lineNoOf(line: PosLineDoc, index: number): number {
  return line.lineNo ?? index + 1;
}

/** Σ quantity × unitPrice per currency, rounded to a millionth to drop binary floating-point noise. */
export function totalsOf(lines: PosLineDoc[]): PosTransactionDoc['totals'] {
  const sums = new Map<string, number>();
  for (const line of lines) sums.set(line.currency, (sums.get(line.currency) ?? 0) + line.quantity * line.unitPrice);
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amount]) => ({ currency, amount: Math.round(amount * 1e6) / 1e6 }));
}

/**
 * Each CSV row is one line of a receipt, identified by (transactionId, lineNo), or without a
 * `lineNo` by its position among the transaction's rows in this file: two rows of one sku are two
 * lines. A row adds its line or replaces the line of the same number (the last row wins); the
 * receipt's header fields come from its latest row, except that an identifier (loyaltyId,
 * cardToken, receiptEmail) once seen is kept. Counts are per row: a new line is inserted, a changed
 * line (or header) updated, an identical one unchanged.
 */
export function createTransactionApplier(ctx: ApplyContext): Applier<TransactionLineRow> {
  const collection = ctx.dbs.pos.collection<PosTransactionDoc>(COLLECTIONS.pos.transactions);
  // Rows seen per transaction in this file, across batches: the position of a row without lineNo.
  const rowsSeen = new Map<string, number>();
  return {
    async apply(rows) {
      const counts: Counts = { inserted: 0, updated: 0, unchanged: 0 };
      const stored = await loadByIds(collection, [...new Set(rows.map(({ row }) => row.transactionId))]);
      const changed = new Map<string, PosTransactionDoc>();

      for (const { line, row } of rows) {
        const id = row.transactionId;
        const position = (rowsSeen.get(id) ?? 0) + 1;
        rowsSeen.set(id, position);
        const newLine: PosLineDoc = {
          lineNo: row.lineNo ?? position,
          sku: row.sku,
          quantity: row.quantity,
          unitPrice: row.unitPrice,
          currency: row.currency,
          imported: provenance(ctx, line),
        };
        const doc = changed.get(id) ?? stored.get(id);
        if (!doc) {
          counts.inserted += 1;
          changed.set(id, { _id: id, transactionId: id, ...headerOf(row), shopperKey: '', lines: [newLine], totals: [] });
          continue;
        }
        // A loyalty card, payment card or receipt email seen on any row identifies the whole receipt
        // (DESIGN: "any of whose lines carries"), so a later row without one does not erase it.
        const header = { ...headerOf(doc), ...headerOf(row) };
        const sameHeader = isDeepStrictEqual(headerOf(doc), header);
        const lines: PosLineDoc[] = doc.lines.map((l, i) => ({ ...l, lineNo: lineNoOf(l, i) }));
        const index = lines.findIndex((l) => l.lineNo === newLine.lineNo);
        const existing = index >= 0 ? lines[index] : undefined;
        if (existing && sameHeader && isDeepStrictEqual(lineContent(existing), lineContent(newLine))) {
          counts.unchanged += 1;
          continue;
        }
        if (existing) {
          lines[index] = newLine;
          counts.updated += 1;
        } else {
          lines.push(newLine);
          lines.sort((a, b) => a.lineNo! - b.lineNo!);
          counts.inserted += 1;
        }
        changed.set(id, { _id: id, transactionId: id, ...header, shopperKey: '', lines, totals: [] });
      }

      const writes: AnyBulkWriteOperation<PosTransactionDoc>[] = [...changed.values()].map((doc) => ({
        replaceOne: {
          filter: { _id: doc._id },
          replacement: { ...doc, shopperKey: shopperKeyOf(doc), totals: totalsOf(doc.lines) },
          upsert: true,
        },
      }));
      if (writes.length > 0) await collection.bulkWrite(writes, { ordered: false });
      return counts;
    },
  };
}
