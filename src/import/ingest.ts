/**
 * One `POST /ingest/<kind>` body, written by the channel service that owns the kind's database:
 * the importer's row-level code (`feedRows`, `FileBatch`: the same validation, suppression,
 * quarantine and appliers as `omnidex import`), with an outbox entry around every batch
 * (src/live/outbox.ts) so that the live resolver takes the rows in.
 */
import { Readable } from 'node:stream';
import type { FileHandle } from 'node:fs/promises';
import type { Db } from 'mongodb';
import type { Channel } from '../contract/documents';
import { CONTRACT_FILES, type ContractFile } from '../contract/schemas';
import type { Databases } from '../db';
import { markReady, outboxIdsOf, recordIntent, type OutboxDoc } from '../live/outbox';
import type { SuppressionCheck } from '../privacy/suppression';
import { channelOfFile, createFileBatch, feedRows, isBatchWriteError } from './import-directory';
import { readLines } from './readers';
import { emptyFileReport, type FileImportReport } from './report';
import { rebuildPendingWebDerived } from './web-derived';
import { rebuildPendingPartials } from '../insights/partials';

/** The contract files by the name the ingest API gives them (`crm/contacts` for `crm/contacts.jsonl`). */
export const INGEST_KINDS = {
  'crm/contacts': 'crm/contacts.jsonl',
  'crm/cases': 'crm/cases.jsonl',
  'web/events': 'web/events.jsonl',
  'pos/members': 'pos/members.csv',
  'pos/transactions': 'pos/transactions.csv',
} as const satisfies Record<string, ContractFile>;
export type IngestKind = keyof typeof INGEST_KINDS;
export const INGEST_KIND_NAMES = Object.keys(INGEST_KINDS) as IngestKind[];

export function isIngestKind(value: string): value is IngestKind {
  return Object.hasOwn(INGEST_KINDS, value);
}

/** NDJSON for every kind; CSV (with its header row) also for the kinds whose export is CSV. */
export type IngestFormat = 'ndjson' | 'csv';

export function acceptsFormat(kind: IngestKind, format: IngestFormat): boolean {
  return format === 'ndjson' || CONTRACT_FILES[INGEST_KINDS[kind]].format === 'csv';
}

export interface IngestInput {
  kind: IngestKind;
  format: IngestFormat;
  /** The request body's bytes: a line that is not UTF-8 is quarantined, as in a file. */
  body: Buffer;
  /** Names the request in the quarantine (`importId`) and the outbox. */
  ingestId: string;
  /** When the request arrived. */
  receivedAt: Date;
  maxRowBytes: number;
  suppression?: SuppressionCheck;
}

export interface IngestResult {
  report: FileImportReport;
  /** The refused rows: line and reason only (the quarantine keeps the text). */
  quarantined: { line: number; reason: string }[];
}

/** Only the channel's own database: an applier that reached for another would fail loudly. */
function ownDatabaseOnly(channel: Channel, db: Db): Pick<Databases, 'crm' | 'web' | 'pos'> {
  const refuse = (other: Channel) => {
    throw new Error(`the ${channel} service writes only its own database, not ${other}`);
  };
  return {
    get crm() {
      return channel === 'crm' ? db : refuse('crm');
    },
    get web() {
      return channel === 'web' ? db : refuse('web');
    },
    get pos() {
      return channel === 'pos' ? db : refuse('pos');
    },
  };
}

/** `readLines` reads a file handle's stream; a request body is one chunk already in memory. */
function bodyAsHandle(body: Buffer): FileHandle {
  const stream = Object.assign(Readable.from([body]), { bytesRead: body.length });
  return { createReadStream: () => stream } as unknown as FileHandle;
}

/**
 * Validates and writes one body of `input.kind` rows into `db`, the kind's channel database.
 * Rows of one body are applied like the rows of one file (the last row for an id wins); against
 * what is stored, contacts and members replace it only when their `updatedAt` is not older, and
 * a row identical to the stored one is `unchanged`: sending the same body twice writes nothing.
 */
export async function ingestBody(db: Db, input: IngestInput): Promise<IngestResult> {
  const file = INGEST_KINDS[input.kind];
  const channel = channelOfFile(file);
  const report = emptyFileReport(file);
  const quarantined: IngestResult['quarantined'] = [];
  const batch = createFileBatch(
    {
      file,
      quarantine: db,
      importId: input.ingestId,
      suppression: input.suppression,
      hooks: {
        beforeApply: (rows) => recordIntent(db, { at: input.receivedAt, file, ingestId: input.ingestId, ids: outboxIdsOf(file, rows.map((r) => r.row as Record<string, unknown>)) }),
        async afterApply(_rows, entry) {
          // Sessions and visitors are what resolution reads of the web: rebuilt before the entry is ready.
          if (file === 'web/events.jsonl') await rebuildPendingWebDerived(db);
          await rebuildPendingPartials(db, channel);
          await markReady(db, entry as OutboxDoc);
        },
        quarantined: (doc) => quarantined.push({ line: doc.line, reason: doc.reason }),
      },
    },
    report,
    { dbs: ownDatabaseOnly(channel, db), file, importedAt: input.receivedAt, importId: input.ingestId, interruptedRuns: new Set(), ingestId: input.ingestId },
  );
  const lines = readLines(bodyAsHandle(input.body), { maxRowBytes: input.maxRowBytes });
  try {
    await feedRows(batch, file, input.format === 'csv' ? 'csv' : 'jsonl', lines, input.maxRowBytes);
  } catch (error) {
    if (isBatchWriteError(error)) throw error;
    await batch.flush();
    report.status = 'failed';
    report.error = error instanceof Error ? error.message : String(error);
  }
  quarantined.sort((a, b) => a.line - b.line);
  return { report, quarantined };
}
