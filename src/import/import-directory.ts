import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from 'mongodb';
import type { z } from 'zod';
import { CHANNELS, QUARANTINE_COLLECTION, type Channel, type QuarantineDoc } from '../contract/documents';
import { ensureChannelIndexes } from '../contract/indexes';
import { DEFAULT_MAX_ROW_KB } from '../config';
import type { Databases } from '../db';
import {
  CONTRACT_FILES,
  caseRow,
  checkCsvHeader,
  contactRow,
  eventRow,
  memberRow,
  parseCsvRecord,
  parseJsonLine,
  transactionLineRow,
  type ContractFile,
  type RowResult,
} from '../contract/schemas';
import {
  createCaseApplier,
  createContactApplier,
  createEventApplier,
  createMemberApplier,
  createTransactionApplier,
  type Applier,
  type ApplyContext,
  type ValidRow,
} from './appliers';
import { readCsvRecords, readLines, type SourceLine } from './readers';
import { emptyFileReport, type FileImportReport, type ImportReport } from './report';
import { finishImportRun, startImportRun } from './run-log';
import { rebuildPendingWebDerived } from './web-derived';
import { rebuildPendingPartials } from '../insights/partials';
import { pseudonymiseTransactionRow } from '../privacy/pseudonymise';
import { hasSuppressedIdentifiers, type SuppressionCheck } from '../privacy/suppression';

export interface ImportOptions {
  /** Called as each file is read, e.g. to draw a progress bar (see `createImportProgress`). */
  onProgress?: (file: string, bytesRead: number, totalBytes: number) => void;
  /** Names this run in the quarantine and the `omnidex.imports` log; generated when absent. */
  importId?: string;
  /** Rows per database round trip. */
  batchSize?: number;
  /** Longest row accepted, in bytes (OMNIDEX_MAX_ROW_KB, default 1 MiB); longer ones are quarantined. */
  maxRowBytes?: number;
  /**
   * The suppression list (`loadSuppression(identity, privacySecret)` from src/privacy): rows of
   * forgotten customers are counted as `suppressed` and stored nowhere.
   */
  suppression?: SuppressionCheck;
}

const DEFAULT_BATCH_SIZE = 1000;
/** A batch is also written once its rows' text adds up to this, so that long rows never pile up in memory. */
const MAX_BATCH_TEXT = 16 << 20;

/**
 * A quarantined row's id: its file, line and a hash of its text, so that refusing the same row
 * again replaces its entry (a changed row at that line is another entry).
 */
function quarantineId(file: string, line: number, raw: string, rawBytes?: number): string {
  const hash = createHash('sha256').update(raw);
  if (rawBytes !== undefined) hash.update(`\u0000${rawBytes}`);
  return `${file}:${line}:${hash.digest('base64url').slice(0, 22)}`;
}

export function newImportId(now = new Date()): string {
  return `imp-${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
}

/** What the importer reads and writes: the channels' databases, its log, the suppression list. */
export type ImportDatabases = Pick<Databases, 'crm' | 'web' | 'pos' | 'omnidex' | 'identity'>;

/** The channel database a contract file's rows (and its rejected rows) belong to. */
export function channelOfFile(file: string): Channel {
  return file.slice(0, file.indexOf('/')) as Channel;
}

/**
 * The channel databases' indexes, before the first row is written: those the importer and resolve
 * read by, and the services' own, so that they grow with the import (src/contract/indexes.ts).
 */
export async function ensureImportIndexes(dbs: ImportDatabases): Promise<void> {
  for (const channel of CHANNELS) await ensureChannelIndexes(dbs[channel], channel);
}

/** A database failure while writing a batch: unlike a read failure, it aborts the whole import. */
class BatchWriteError extends Error {
  constructor(file: string, cause: unknown) {
    super(`writing a batch of ${file} to MongoDB failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'BatchWriteError';
  }
}

/**
 * What the ingest API adds around each batch's write (src/import/ingest.ts): the outbox entry
 * before it and after it, and the refused rows to answer with.
 */
export interface BatchHooks<T> {
  /** Before the applier writes `rows`; its result is handed to `afterApply`. */
  beforeApply?(rows: readonly ValidRow<T>[]): Promise<unknown>;
  /** Once the applier's writes are acknowledged. */
  afterApply?(rows: readonly ValidRow<T>[], before: unknown): Promise<void>;
  /** Each row sent to the quarantine, once it is written there. */
  quarantined?(doc: QuarantineDoc): void;
}

/**
 * Collects one file's rows, validated or rejected, and writes them a batch at a time: valid rows
 * through the file's applier, rejected ones to the quarantine. Keeps the file's counts. The import
 * reads files into it; the ingest API request bodies (src/import/ingest.ts).
 *
 * One batch is written while the next is read and validated: parsing and the database's work
 * overlap instead of taking turns. Batches still reach the database one after another (a batch's
 * writes start only once the previous batch's are acknowledged), so a later row of an id always
 * sees what an earlier one wrote.
 */
export class FileBatch<T> {
  private valid: ValidRow<T>[] = [];
  private rejected: QuarantineDoc[] = [];
  /** Characters of the rows collected since the last write. */
  private text = 0;
  /** The batch being written, if any; it settles to the error it failed with, if any. */
  private inFlight: Promise<unknown> | undefined;

  constructor(
    private readonly quarantine: Db,
    private readonly report: FileImportReport,
    private readonly schema: z.ZodType<T>,
    private readonly applier: Applier<T>,
    private readonly importId: string,
    private readonly batchSize: number,
    private readonly suppression: SuppressionCheck | undefined,
    private readonly hooks: BatchHooks<T> = {},
  ) {}

  async jsonLine(line: number, text: string): Promise<void> {
    this.text += text.length;
    this.add(line, text, parseJsonLine(this.schema, text));
    await this.flushIfFull();
  }

  async csvRecord(line: number, raw: string, header: readonly string[], cells: readonly string[]): Promise<void> {
    this.text += raw.length;
    this.add(line, raw, parseCsvRecord(this.schema, header, cells));
    await this.flushIfFull();
  }

  /** A row the reader refused; `rawBytes` is its size when `raw` is only its first bytes. */
  async reject(line: number, raw: string, reason: string, rawBytes?: number): Promise<void> {
    this.report.read += 1;
    this.text += raw.length;
    if (this.suppression?.checkRaw(this.report.file, raw)) {
      this.report.suppressed += 1;
      return;
    }
    this.rejected.push(this.quarantineDoc(line, raw, reason, rawBytes));
    await this.flushIfFull();
  }

  private add(line: number, raw: string, result: RowResult<T>): void {
    this.report.read += 1;
    const suppressed = result.ok
      ? this.suppression?.check(this.report.file, result.value as Record<string, unknown>)
      : this.suppression?.checkRaw(this.report.file, raw);
    if (suppressed) {
      this.report.suppressed += 1;
      // A receipt stays for the books, without its person fields, as forgetCustomer left it.
      if (result.ok && this.report.file === 'pos/transactions.csv') {
        this.valid.push({ line, row: pseudonymiseTransactionRow(result.value as Record<string, unknown>) as T });
      }
      return;
    }
    if (result.ok) this.valid.push({ line, row: result.value });
    else this.rejected.push(this.quarantineDoc(line, raw, result.reason));
  }

  private quarantineDoc(line: number, raw: string, reason: string, rawBytes?: number): QuarantineDoc {
    const file = this.report.file;
    const doc: QuarantineDoc = { _id: quarantineId(file, line, raw, rawBytes), file, line, raw, reason, importId: this.importId, quarantinedAt: new Date() };
    if (rawBytes !== undefined) doc.rawBytes = rawBytes;
    return doc;
  }

  private async flushIfFull(): Promise<void> {
    if (this.valid.length + this.rejected.length >= this.batchSize || this.text >= MAX_BATCH_TEXT) await this.startFlush();
  }

  /** Waits for the batch in flight, then starts writing the rows collected since, without waiting for it. */
  private async startFlush(): Promise<void> {
    await this.settle();
    const valid = this.valid;
    const rejected = this.rejected;
    this.valid = [];
    this.rejected = [];
    this.text = 0;
    // The outcome is kept as a value, not a rejected promise, so that it is never unhandled.
    this.inFlight = this.write(valid, rejected).then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
  }

  private async settle(): Promise<void> {
    const outcome = (await this.inFlight) as { error: unknown } | undefined;
    this.inFlight = undefined;
    if (outcome) throw outcome.error;
  }

  /** Writes every row collected so far and waits until all of them are acknowledged. */
  async flush(): Promise<void> {
    await this.startFlush();
    await this.settle();
  }

  private async write(valid: ValidRow<T>[], rejected: QuarantineDoc[]): Promise<void> {
    try {
      if (valid.length > 0) {
        const before = await this.hooks.beforeApply?.(valid);
        const counts = await this.applier.apply(valid);
        await this.hooks.afterApply?.(valid, before);
        this.report.inserted += counts.inserted;
        this.report.updated += counts.updated;
        this.report.unchanged += counts.unchanged;
      }
      if (rejected.length > 0) {
        await this.quarantine
          .collection<QuarantineDoc>(QUARANTINE_COLLECTION)
          .bulkWrite(rejected.map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })), { ordered: false });
        this.report.quarantined += rejected.length;
        if (this.hooks.quarantined) for (const doc of rejected) this.hooks.quarantined(doc);
      }
    } catch (error) {
      throw new BatchWriteError(this.report.file, error);
    }
  }
}

interface FileJob {
  dbs: ImportDatabases;
  file: ContractFile;
  fullPath: string;
  importId: string;
  importedAt: Date;
  interruptedRuns: ReadonlySet<number>;
  options: ImportOptions;
}

/** What a batch of one contract file's rows is written with. */
export interface BatchSettings {
  file: ContractFile;
  /** The database of the file's channel: its quarantine. */
  quarantine: Db;
  importId: string;
  batchSize?: number;
  suppression?: SuppressionCheck;
  /** Called with the rows of every batch; `unknown`, since the row type follows from `file`. */
  hooks?: BatchHooks<unknown>;
}

/** A `FileBatch` for `settings.file`, with its schema and applier. */
export function createFileBatch(settings: BatchSettings, report: FileImportReport, ctx: ApplyContext): FileBatch<unknown> {
  const size = settings.batchSize ?? DEFAULT_BATCH_SIZE;
  const make = <T>(schema: z.ZodType<T>, applier: Applier<T>): FileBatch<unknown> =>
    new FileBatch(settings.quarantine, report, schema, applier, settings.importId, size, settings.suppression, settings.hooks as BatchHooks<T>) as FileBatch<unknown>;
  switch (settings.file) {
    case 'crm/contacts.jsonl':
      return make(contactRow, createContactApplier(ctx));
    case 'crm/cases.jsonl':
      return make(caseRow, createCaseApplier(ctx));
    case 'web/events.jsonl':
      return make(eventRow, createEventApplier(ctx));
    case 'pos/members.csv':
      return make(memberRow, createMemberApplier(ctx));
    case 'pos/transactions.csv':
      return make(transactionLineRow, createTransactionApplier(ctx));
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A failure of the database while writing a batch, as opposed to a problem with what was read. */
export function isBatchWriteError(error: unknown): boolean {
  return error instanceof BatchWriteError;
}

/**
 * Reads the rows of `lines` into `batch` (JSON lines, or CSV with its header row first) and writes
 * the last batch. The row-level work the importer and the ingest API share: every row is
 * validated, valid ones are written, refused ones quarantined. Throws when the CSV header is
 * unusable (the rows read before are still written by the caller's `batch.flush()`).
 */
export async function feedRows(
  batch: FileBatch<unknown>,
  file: ContractFile,
  format: 'jsonl' | 'csv',
  lines: AsyncIterable<SourceLine>,
  maxRowBytes: number,
): Promise<void> {
  if (format === 'jsonl') {
    for await (const { line, text, rejected } of lines) {
      if (rejected) await batch.reject(line, text, rejected.reason, rejected.truncated ? rejected.bytes : undefined);
      else if (text.trim() !== '') await batch.jsonLine(line, text);
    }
  } else {
    let header: string[] | undefined;
    for await (const record of readCsvRecords(lines, maxRowBytes)) {
      if (!header) {
        if ('error' in record) throw new Error(`the header row (line ${record.line}) is unreadable: ${record.error}`);
        header = record.cells.map((cell) => cell.trim());
        const problem = checkCsvHeader(file as 'pos/members.csv' | 'pos/transactions.csv', header);
        if (problem) throw new Error(problem);
        continue;
      }
      if ('error' in record) await batch.reject(record.line, record.raw, record.error, record.rawBytes);
      else await batch.csvRecord(record.line, record.raw, header, record.cells);
    }
  }
  await batch.flush();
}

async function importFile(job: FileJob): Promise<FileImportReport> {
  const report = emptyFileReport(job.file);
  let handle: fs.FileHandle;
  let size: number;
  try {
    const stat = await fs.stat(job.fullPath);
    if (!stat.isFile()) throw new Error(`${job.fullPath} is not a regular file`);
    size = stat.size;
    handle = await fs.open(job.fullPath, 'r');
  } catch (error) {
    return { ...report, status: 'failed', error: describeError(error) };
  }

  const batch = createFileBatch(
    { file: job.file, quarantine: job.dbs[channelOfFile(job.file)], importId: job.importId, batchSize: job.options.batchSize, suppression: job.options.suppression },
    report,
    { dbs: job.dbs, file: job.file, importedAt: job.importedAt, importId: job.importId, interruptedRuns: job.interruptedRuns },
  );
  const maxRowBytes = job.options.maxRowBytes ?? DEFAULT_MAX_ROW_KB * 1024;
  const lines = readLines(handle, { maxRowBytes, progress: (bytes) => job.options.onProgress?.(job.file, bytes, size) });
  try {
    await feedRows(batch, job.file, CONTRACT_FILES[job.file].format, lines, maxRowBytes);
    // Also for an empty file, so that a progress bar always reaches its end.
    job.options.onProgress?.(job.file, size, size);
  } catch (error) {
    if (error instanceof BatchWriteError) throw error;
    // The rows read before the failure are still written and counted, so nothing read goes unreported.
    await batch.flush();
    report.status = 'failed';
    report.error = describeError(error);
  } finally {
    await handle.close();
  }
  return report;
}

/**
 * Files under the directory (two levels deep, like the contract's) that the importer does not read,
 * so the report can say so. Unreadable folders are passed over: their contract files, if any, are
 * already reported as failed.
 */
async function listIgnoredFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string, depth: number): Promise<void> => {
    const entries = await fs.readdir(path.join(root, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const file = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && depth < 2) await walk(file, depth + 1);
      else if (entry.isFile() && !(file in CONTRACT_FILES)) found.push(file);
    }
  };
  await walk('', 1);
  return found.sort();
}

/**
 * Loads the contract files present under `dir` (any subset) into the channel databases: every row is
 * validated, valid rows are upserted by their source id, rejected rows go to the quarantine of the
 * file's channel database.
 * Files are streamed and written in batches. A file that cannot be read is reported as failed and
 * the others are still imported; a database failure aborts with an error.
 *
 * A run interrupted anywhere (the process or the database killed) is completed by the next one: it
 * is logged as running before anything is written, its pending rebuilds of web sessions and
 * visitors and of the report's partials are kept in the channel databases, and the next run of
 * the same files treats the rows it left as its own (see `ofThisFile` in appliers.ts), ending
 * where an uninterrupted run would have.
 */
export async function importDirectory(dbs: ImportDatabases, dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  const root = path.resolve(dir);
  const rootStat = await fs.stat(root).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`cannot import from ${dir}: ${error.code === 'ENOENT' ? 'no such directory' : error.message}`);
  });
  if (!rootStat.isDirectory()) throw new Error(`cannot import from ${dir}: not a directory`);
  if (!options.suppression && (await hasSuppressedIdentifiers(dbs.identity))) {
    throw new Error('customers have been forgotten: import with the suppression list (loadSuppression in src/privacy) so they are not imported again');
  }

  const importId = options.importId ?? newImportId();
  const startedAt = new Date();
  await ensureImportIndexes(dbs);
  const interrupted = await startImportRun(dbs.omnidex, { importId, dir: root, startedAt });
  const interruptedRuns = new Set(interrupted.map((run) => run.startedAt.getTime()));

  const files: FileImportReport[] = [];
  for (const file of Object.keys(CONTRACT_FILES) as ContractFile[]) {
    const fullPath = path.join(root, file);
    const present = await fs.lstat(fullPath).then(
      () => true,
      (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
    );
    if (!present) continue;
    files.push(await importFile({ dbs, file, fullPath, importId, importedAt: startedAt, interruptedRuns, options }));
  }
  await rebuildPendingWebDerived(dbs.web);
  // After the web's sessions and visitors, which the web's partials are computed from.
  for (const channel of CHANNELS) await rebuildPendingPartials(dbs[channel], channel);

  const report: ImportReport = {
    importId,
    dir: root,
    startedAt,
    finishedAt: new Date(),
    files,
    ignoredFiles: await listIgnoredFiles(root),
    failed: files.some((file) => file.status === 'failed'),
    completedRuns: interrupted.map((run) => run.importId),
  };
  await finishImportRun(dbs.omnidex, report, interrupted);
  return report;
}
