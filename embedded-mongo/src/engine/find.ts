import type { Document } from 'bson';
import type { Collection } from './collection';
import { MatchReader, outputOf, type FindOptions } from './query';

/** Records read from storage per step of a find: a first batch needs few, later ones many. */
const FIRST_READ = 128;
const LATER_READS = 4096;

/**
 * The documents of a find, produced as the cursor's client asks for them: matching records are
 * read a chunk at a time (MatchReader) and turned into the reply's BSON (stored bytes, or
 * projected), so a cursor over a million documents holds one chunk, not the million.
 */
export class FindResults {
  private readonly reader: MatchReader | undefined;
  private readonly output: ReturnType<typeof outputOf>;
  private pending: Uint8Array[] = [];
  private position = 0;
  private reads = 0;
  private done: boolean;

  constructor(collection: Collection | undefined, filter: Document, options: FindOptions, projection: unknown, memoryLimitBytes: number) {
    this.output = outputOf(projection);
    this.reader = collection && new MatchReader(collection, filter, options, memoryLimitBytes);
    this.done = this.reader === undefined;
  }

  async pull(take: (document: Uint8Array) => boolean): Promise<boolean> {
    for (;;) {
      while (this.position < this.pending.length) {
        if (!take(this.pending[this.position++] as Uint8Array)) return this.exhausted;
      }
      if (this.done) return true;
      const wanted = this.reads++ === 0 ? FIRST_READ : LATER_READS;
      const records = await (this.reader as MatchReader).next(wanted);
      // The reader returns fewer than asked only once nothing remains.
      if (records.length < wanted) this.done = true;
      this.pending = this.output(records);
      this.position = 0;
    }
  }

  private get exhausted(): boolean {
    return this.done && this.position >= this.pending.length;
  }
}
