import type { Document } from 'bson';

/** An index as `createIndexes` describes it (the `_id_` index is implicit and never recorded). */
export interface IndexSpec {
  name: string;
  key: Record<string, 1 | -1>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
}

/** Thrown when another live process holds the data directory's lock. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
    readonly ownerPort: number | undefined,
  ) {
    super(
      `data directory ${dataDir} is in use by process ${ownerPid}` +
        (ownerPort ? ` (serving on port ${ownerPort})` : ''),
    );
    this.name = 'DataDirLockedError';
  }
}
