/** What happened to one contract file during an import. */
export interface FileImportReport {
  /** Path relative to the import directory, e.g. `crm/contacts.jsonl`. */
  file: string;
  /** `failed`: the file could not be read (or its header is unusable); `error` says why. */
  status: 'imported' | 'failed';
  error?: string;
  /** Rows read (non-blank lines, or CSV records after the header). */
  read: number;
  inserted: number;
  updated: number;
  /** Identical to what is stored, or older than it (contacts and members by `updatedAt`). */
  unchanged: number;
  quarantined: number;
  /**
   * Rows of forgotten customers (the suppression list), stored nowhere; except receipt lines,
   * stored pseudonymised and so also counted as inserted, updated or unchanged.
   */
  suppressed: number;
}

export interface ImportReport {
  importId: string;
  dir: string;
  startedAt: Date;
  finishedAt: Date;
  files: FileImportReport[];
  /** Files found under the directory that are not part of the contract, so were not read. */
  ignoredFiles: string[];
  /** True when at least one file could not be read: the CLI exits non-zero only then. */
  failed: boolean;
  /**
   * Earlier runs that were interrupted (killed, or stopped by a database failure) and that this one
   * completed: their pending rebuilds done, their rows taken as this run's files' own.
   */
  completedRuns: string[];
}

export function emptyFileReport(file: string): FileImportReport {
  return { file, status: 'imported', read: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0, suppressed: 0 };
}

const COLUMNS = ['read', 'inserted', 'updated', 'unchanged', 'quarantined', 'suppressed'] as const;

/** Renders the per-file summary table the CLI prints after an import. */
export function formatImportReport(report: ImportReport): string {
  const rows: string[][] = [['file', ...COLUMNS, 'status']];
  const total = { read: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0, suppressed: 0 };
  for (const file of report.files) {
    rows.push([file.file, ...COLUMNS.map((c) => String(file[c])), file.status === 'failed' ? 'FAILED' : 'ok']);
    for (const c of COLUMNS) total[c] += file[c];
  }
  rows.push(['total', ...COLUMNS.map((c) => String(total[c])), report.failed ? 'FAILED' : 'ok']);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const render = (r: string[]) => r.map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const lines = [`Import ${report.importId} from ${report.dir}`, render(rows[0]!), ...rows.slice(1, -1).map(render), render(rows.at(-1)!)];
  if (report.files.length === 0) lines.push('No contract files found (expected crm/*.jsonl, web/events.jsonl, pos/*.csv).');
  for (const file of report.files) {
    if (file.status === 'failed') lines.push(`FAILED ${file.file}: ${file.error ?? 'unknown error'}`);
  }
  if (total.quarantined > 0) {
    lines.push(`${total.quarantined} row(s) quarantined with their reasons in omnidex.quarantine (importId ${report.importId}).`);
  }
  if (report.completedRuns.length > 0) {
    lines.push(`Completed the interrupted import(s) ${report.completedRuns.join(', ')}: what they left pending is done.`);
  }
  if (report.ignoredFiles.length > 0) lines.push(`Not contract files, not read: ${report.ignoredFiles.join(', ')}`);
  return lines.join('\n');
}
