/**
 * A file in the data directory cannot be trusted: a checksum fails before the end of a log, a
 * snapshot is incomplete, a generation is missing. Recovery stops rather than silently dropping
 * acknowledged writes; the message names the file and the byte offset so an operator can look.
 */
export class CorruptDataError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number | undefined,
    detail: string,
  ) {
    super(`corrupt data file ${file}${offset === undefined ? '' : ` at byte ${offset}`}: ${detail}`);
    this.name = 'CorruptDataError';
  }
}

/**
 * A write to the log failed (disk full, I/O error). The log may end in a partial record, so every
 * later append is refused too: appending after it would turn a torn tail into corruption in the
 * middle. Restarting the process recovers everything that was acknowledged.
 */
export class JournalFailedError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(
      `the write-ahead log ${file} can no longer be written (${cause instanceof Error ? cause.message : String(cause)}); ` +
        'restart the server to recover every acknowledged write',
    );
    this.name = 'JournalFailedError';
  }
}

/** append/compact called after close(). */
export class JournalClosedError extends Error {
  constructor(readonly dataDir: string) {
    super(`the journal of data directory ${dataDir} is closed`);
    this.name = 'JournalClosedError';
  }
}
