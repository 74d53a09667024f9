/**
 * A file of a data directory in the storage format before LMDB cannot be trusted (a checksum
 * fails before the end of a log, a snapshot is incomplete, a generation is missing), so it is
 * not migrated: the message names the file and the byte offset so an operator can look.
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
