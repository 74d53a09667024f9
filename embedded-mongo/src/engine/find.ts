import type { Document } from 'bson';
import type { BatchWriter } from '../wire/protocol';
import type { Collection } from './collection';
import { MatchStream, outputOf, type FindOptions } from './query';

/**
 * The documents of a find, produced as the cursor's client asks for them: each match goes from
 * where LMDB read it straight into the reply batch (as stored, or projected from the stored
 * bytes), so a cursor over a million documents holds a position, not the million.
 */
export class FindResults {
  private readonly matches: MatchStream;
  private readonly output: ReturnType<typeof outputOf>;

  constructor(collection: Collection | undefined, filter: Document, options: FindOptions, projection: unknown, memoryLimitBytes: number) {
    this.output = outputOf(projection, options.variables);
    this.matches = new MatchStream(collection, filter, options, memoryLimitBytes);
  }

  pull(batch: BatchWriter): Promise<boolean> {
    return this.matches.pull((bytes, at) => this.output(batch, bytes, at));
  }
}
