import { Decimal128, Long, serialize, type Document } from 'bson';
import { Query } from 'mingo';
import { fieldName, projectTopLevel, readTopLevelFields, topLevelStringIs, UNREAD, type FieldName } from '../storage/raw-bson';
import { CommandError } from '../errors';
import type { Collection } from './collection';
import type { BatchWriter } from '../wire/protocol';
import { decodeStored, RID_BYTES, StoredDocument, viewOf, type DocRecord } from './documents';
import { encodeKey, encodeValue } from './keys';
import { exactPoints, planQuery, type CandidateSource, type Visit } from './planner';
import { compareBySort, isPlainObject, parseSort, toMatchable, valuesAtPath, type SortSpec } from './values';

/** Candidates examined between two yields to the event loop during long reads, so other clients are served. */
const YIELD_EVERY = 4096;

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A compiled filter testing records (through their mingo view). */
export type Matcher = (record: DocRecord) => boolean;

/** `variables` are a command's `let` variables, for `$expr`. */
export function compileFilter(filter: unknown, variables?: Document): Matcher {
  if (filter === undefined || filter === null) return () => true;
  if (!isPlainObject(filter)) throw new CommandError('TypeMismatch', 'filter must be a document');
  if (Object.keys(filter).length === 0) return () => true;
  rejectUnsupportedQuery(filter);
  const fast = exactPointsMatcher(filter);
  if (fast) return fast;
  // Variables are compared with the documents' views, so they take the same form.
  const query = new Query(toMatchable(filter) as Document, variables ? { variables: toMatchable(variables) as Document } : undefined);
  return (record) => query.test(viewOf(record));
}

/**
 * A matcher for `{ path: value | {$eq} | {$in}, ... }` filters over exact points, with MongoDB's
 * semantics: a path through arrays matches when any value reached equals a point. For those
 * values "equals" is "has the same encoded key", so a Set of keys answers `$in` over thousands
 * of values in one lookup per document instead of mingo's pairwise comparisons. Values whose
 * encoding may round (Decimal128, 64-bit integers) are left to mingo, document by document.
 */
function exactPointsMatcher(filter: Document): Matcher | undefined {
  const conditions: Array<{ path: string; keys: Set<string>; strings: Set<string>; numbers: Set<number> }> = [];
  for (const [path, condition] of Object.entries(filter)) {
    if (path.startsWith('$') || path.split('.').some((p) => /^\d+$/.test(p))) return undefined;
    const points = exactPoints(condition);
    if (!points) return undefined;
    // Strings and numbers, the usual points, are compared as they are, without encoding a key.
    const strings = new Set(points.filter((p): p is string => typeof p === 'string'));
    const numbers = new Set(points.filter((p): p is number => typeof p === 'number'));
    conditions.push({ path, keys: new Set(points.map(encodeValue)), strings, numbers });
  }
  let fallback: Query | undefined;
  return (record) => {
    for (const { path, keys, strings, numbers } of conditions) {
      let matched = false;
      for (const value of valuesAtPath(record.doc, path).values) {
        if (typeof value === 'string') matched = strings.has(value);
        else if (typeof value === 'number') matched = numbers.has(value === 0 ? 0 : value);
        else if (value instanceof Decimal128 || value instanceof Long) {
          fallback ??= new Query(toMatchable(filter) as Document);
          return fallback.test(viewOf(record));
        } else matched = value !== undefined && keys.has(encodeValue(value));
        if (matched) break;
      }
      if (!matched) return false;
    }
    return true;
  };
}

const UNSUPPORTED_QUERY_OPERATORS: Record<string, string> = {
  $text: '$text queries need a text index, which the embedded server does not support',
  $near: 'geospatial queries ($near) are not supported by the embedded server',
  $nearSphere: 'geospatial queries ($nearSphere) are not supported by the embedded server',
  $geoWithin: 'geospatial queries ($geoWithin) are not supported by the embedded server',
  $geoIntersects: 'geospatial queries ($geoIntersects) are not supported by the embedded server',
  $where: '$where (server-side JavaScript) is not supported by the embedded server',
  $jsonSchema: '$jsonSchema queries are not supported by the embedded server',
};

function rejectUnsupportedQuery(value: unknown): void {
  if (Array.isArray(value)) {
    for (const element of value) rejectUnsupportedQuery(element);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    const reason = UNSUPPORTED_QUERY_OPERATORS[key];
    if (reason) throw new CommandError('CommandNotSupported', reason);
    rejectUnsupportedQuery(inner);
  }
}

// Operators through which an expression reads the current document other than by field paths.
const WHOLE_DOCUMENT_OPERATORS = new Set(['$getField', '$setField', '$unsetField', '$function', '$accumulator']);

/**
 * Adds to `into` the top-level fields an aggregation expression reads (`"$a.b"` reads `a`);
 * false when it may read any field (`$$ROOT`, `$$CURRENT`, `$getField`, ...). Naming a field
 * that is not read costs a little decoding; missing one would be a wrong answer, so anything
 * not understood reads everything.
 */
export function expressionFields(expression: unknown, into: Set<string>): boolean {
  if (typeof expression === 'string') {
    if (!expression.startsWith('$')) return true;
    if (expression.startsWith('$$')) return !/^\$\$(ROOT|CURRENT)\b/.test(expression);
    into.add(expression.slice(1).split('.')[0] as string);
    return true;
  }
  if (Array.isArray(expression)) return expression.every((element) => expressionFields(element, into));
  if (!isPlainObject(expression)) return true;
  for (const [key, value] of Object.entries(expression)) {
    if (WHOLE_DOCUMENT_OPERATORS.has(key) || !expressionFields(value, into)) return false;
  }
  return true;
}

/**
 * Adds to `into` the top-level fields a query filter reads; false when it may read any (an
 * operator not understood here).
 */
export function filterFields(filter: Document, into: Set<string>): boolean {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(value) || !value.every((clause) => isPlainObject(clause) && filterFields(clause, into))) return false;
    } else if (key === '$expr') {
      if (!expressionFields(value, into)) return false;
    } else if (key === '$comment') {
      continue;
    } else if (key.startsWith('$')) {
      return false;
    } else {
      into.add(key.split('.')[0] as string);
    }
  }
  return true;
}

/**
 * How to read just enough of a stored document: the top-level fields a consumer needs, or all
 * of it. Reading a few fields from the bytes is much cheaper than decoding the whole document.
 */
export class FieldSelection {
  private constructor(private readonly names: readonly FieldName[] | undefined) {}

  static all(): FieldSelection {
    return new FieldSelection(undefined);
  }

  static of(fields: Iterable<string>): FieldSelection {
    return new FieldSelection([...new Set(fields)].map(fieldName));
  }

  /** The fields a filter reads (all if it may read any). */
  static forFilter(filter: Document): FieldSelection {
    const fields = new Set<string>();
    return filterFields(filter, fields) ? FieldSelection.of(fields) : FieldSelection.all();
  }

  get isAll(): boolean {
    return this.names === undefined;
  }

  /** A document holding at least the selected fields of the record (the whole one if all are). */
  read(record: StoredDocument): Document {
    return this.names === undefined ? record.doc : record.fields(this.names);
  }

  /**
   * The selected fields of the BSON document at `bytes[at]`, which may be LMDB's read buffer
   * (nothing returned refers to it). With every field selected, or one of a type the byte reader
   * does not know, the document is decoded from a copy.
   */
  readBytes(bytes: Buffer, at: number): Document {
    if (this.names !== undefined) {
      const fields = readTopLevelFields(bytes, at, this.names);
      if (fields !== UNREAD) return fields;
    }
    return decodeStored(copyDocument(bytes, at));
  }
}

/**
 * `{ _id: "a string" }` (how every upsert by source id addresses its document), answered from
 * the documents database without planning or compiling the filter; undefined for any other filter.
 */
function singleIdLookup(collection: Collection, filter: Document): StoredDocument[] | undefined {
  // One field, equal to a string: `_id`, or the field of a unique single-field index that
  // answers it exactly (as the planner would decide, without planning: no array ever indexed,
  // every document indexed). At most one document matches; sort, limit and projection of a
  // find apply to it as to any.
  let field: string | undefined;
  for (const key in filter) {
    if (field !== undefined) return undefined;
    field = key;
  }
  if (field === undefined) return undefined;
  const value = filter[field] as unknown;
  if (typeof value !== 'string') return undefined;
  if (field === '_id') {
    const record = collection.byId(value);
    return record ? [record] : [];
  }
  for (const index of collection.indexes.values()) {
    if (!index.unique || index.id === undefined || index.multikey || !index.coversAllDocuments || index.fields.length !== 1) continue;
    if ((index.fields[0] as [string, 1 | -1])[0] !== field) continue;
    const idKey = index.holder(encodeKey(value));
    const record = idKey && collection.byKey(idKey);
    return record ? [record] : [];
  }
  return undefined;
}

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  /** The command's `let` variables. */
  variables?: Document | undefined;
}

/** Handed out by `matches` where a reader may yield to the event loop (between chunks). */
const PAUSE = Symbol('pause');
type Step = StoredDocument | typeof PAUSE;

/**
 * The records matching a filter, sorted, skipped and limited, as a generator that a synchronous
 * caller runs through and an asynchronous one pauses at each PAUSE. Candidates are read in
 * chunks from the best index (small chunks first, for queries that need only a few) and tested
 * where they lie in LMDB's read buffer, reading only the fields the filter needs; only matches
 * are copied out. Reading stops once the limit is reached when the candidates already come in
 * order. A sort no index serves holds the matches, within `memoryLimitBytes`.
 */
function* matches(collection: Collection, filter: Document, options: FindOptions, memoryLimitBytes: number): Generator<Step> {
  const skip = options.skip ?? 0;
  const limit = options.limit ?? 0;
  const byId = singleIdLookup(collection, filter);
  if (byId) {
    if (skip === 0) yield* byId;
    return;
  }
  const sort = options.sort ?? [];
  const plan = planQuery(collection, filter, sort);
  const source = plan.candidates();
  const visitMatches = matchVisitor(plan.exact ? undefined : filter, options.variables);

  if (sort.length > 0 && !plan.sorted) {
    const sorted = new SortBuffer(sort, limit > 0 ? skip + limit : 0, memoryLimitBytes);
    for (const chunk of chunks(source, visitMatches)) {
      if (chunk === PAUSE) yield PAUSE;
      else for (const record of chunk) sorted.add(record);
    }
    const all = sorted.result();
    yield* limit > 0 ? all.slice(skip, skip + limit) : all.slice(skip);
    return;
  }
  let skipped = 0;
  let returned = 0;
  for (const chunk of chunks(source, visitMatches)) {
    if (chunk === PAUSE) {
      yield PAUSE;
      continue;
    }
    for (const record of chunk) {
      if (skipped < skip) {
        skipped++;
        continue;
      }
      yield record;
      if (limit > 0 && ++returned >= limit) return;
    }
  }
}

/** A test of a filter on a stored value (record id, then BSON) where LMDB read it, or undefined for none. */
function storedTest(filter: Document | undefined, variables?: Document): ((value: Buffer) => boolean) | undefined {
  if (!filter) return undefined;
  const test = compileFilter(filter, variables);
  const fields = FieldSelection.forFilter(filter);
  const decoded = (value: Buffer): boolean => test({ doc: fields.readBytes(value, RID_BYTES) });
  const strings = topLevelStrings(filter);
  if (!strings) return decoded;
  // The commonest scan of all (an upsert or a lookup by a field without an index): equality to
  // strings, compared as bytes where they lie; only an array or a symbol is decoded to tell.
  return (value) => {
    for (const [name, utf8] of strings) {
      const is = topLevelStringIs(value, RID_BYTES, name, utf8);
      if (is === undefined) return decoded(value);
      if (!is) return false;
    }
    return true;
  };
}

/** For a filter of `{ field: "string", ... }` on top-level fields only, their names and strings as UTF-8. */
function topLevelStrings(filter: Document): Array<[Uint8Array, Uint8Array]> | undefined {
  const out: Array<[Uint8Array, Uint8Array]> = [];
  for (const [path, condition] of Object.entries(filter)) {
    if (path.startsWith('$') || path.includes('.') || typeof condition !== 'string') return undefined;
    out.push([fieldName(path).bytes, fieldName(condition).bytes]);
  }
  return out;
}

/** A visitor of candidates that keeps the matching ones, copied out of LMDB's buffer, in `out`. */
function matchVisitor(filter: Document | undefined, variables?: Document): (out: StoredDocument[]) => Visit {
  const test = storedTest(filter, variables);
  return (out) => (key, value) => {
    if (!test || test(value)) out.push(StoredDocument.copy(key, value));
  };
}

/** A source's matching candidates in chunks (growing), with a PAUSE after every YIELD_EVERY candidates read. */
function* chunks(source: CandidateSource, visitor: (out: StoredDocument[]) => Visit): Generator<StoredDocument[] | typeof PAUSE> {
  let size = 64;
  let sinceYield = 0;
  for (;;) {
    const found: StoredDocument[] = [];
    const read = source.read(size, visitor(found));
    if (read === 0) return;
    if (found.length > 0) yield found;
    size = Math.min(size * 4, YIELD_EVERY);
    sinceYield += read;
    if (sinceYield >= YIELD_EVERY) {
      sinceYield = 0;
      yield PAUSE;
    }
  }
}

/**
 * The matches of a sort no index serves, within a memory limit (MongoDB's 100 MB for a blocking
 * sort that may not spill to disk; this server never spills). With a limit, only the best
 * `keep` are held (top-k).
 */
class SortBuffer {
  private entries: Array<{ record: StoredDocument; keys: Document }> = [];
  private bytes = 0;
  private readonly fields: FieldSelection;
  private readonly compare: (a: { keys: Document }, b: { keys: Document }) => number;

  constructor(
    sort: SortSpec,
    private readonly keep: number,
    private readonly memoryLimitBytes: number,
  ) {
    this.fields = FieldSelection.of(sort.map(([path]) => path.split('.')[0] as string));
    const byDoc = compareBySort(sort);
    this.compare = (a, b) => byDoc(a.keys, b.keys);
  }

  add(record: StoredDocument): void {
    this.entries.push({ record, keys: this.fields.read(record) });
    this.bytes += record.bytes.length + 64;
    if (this.keep > 0 && this.entries.length >= 2 * this.keep + 1024) this.trim();
    if (this.bytes > this.memoryLimitBytes) {
      throw new CommandError(
        'QueryExceededMemoryLimitNoDiskUseAllowed',
        `Sort exceeded memory limit of ${this.memoryLimitBytes} bytes: the embedded server sorts in memory and cannot spill to disk; add an index on the sort fields, a limit, or a more selective filter`,
      );
    }
  }

  result(): StoredDocument[] {
    this.trim();
    return this.entries.map((e) => e.record);
  }

  private trim(): void {
    // A stable sort keeps equal keys in the order read, as an in-memory sort of all would.
    this.entries.sort(this.compare);
    if (this.keep > 0 && this.entries.length > this.keep) {
      this.entries.length = this.keep;
      this.bytes = this.entries.reduce((sum, e) => sum + e.record.bytes.length + 64, 0);
    }
  }
}

/** The matching records, for writes: synchronous, inside the write transaction. */
export function findRecordsSync(collection: Collection, filter: Document, options: FindOptions = {}, memoryLimitBytes = Infinity): StoredDocument[] {
  const out: StoredDocument[] = [];
  for (const step of matches(collection, filter, options, memoryLimitBytes)) if (step !== PAUSE) out.push(step);
  return out;
}

/**
 * Takes one matching document where it lies: the BSON at `bytes[at]`, which may be LMDB's read
 * buffer, valid only during the call. Returns false to stop reading (the document is taken).
 */
export type Emit = (bytes: Buffer, at: number) => boolean;

/**
 * The matches of a filter for a read, in plan order, skipped and limited, handed to `pull`'s
 * `emit` where LMDB read them, so a read copies only what it keeps (a find copies the bytes
 * into its reply batch, a count nothing). Candidates are read chunk by chunk, yielding to the
 * event loop every few thousand; `pull` stops when `emit` returns false and resumes there. A sort
 * no index serves is done first, holding the matches within the memory limit (SortBuffer).
 */
export class MatchStream {
  private readonly source: CandidateSource | undefined;
  private readonly held: Generator<Step> | undefined;
  private readonly test: ((value: Buffer) => boolean) | undefined;
  private readonly skip: number;
  private readonly limit: number;
  private skipped = 0;
  private returned = 0;
  private chunk = 64;
  private sinceYield = 0;
  /** Matches read in a chunk after `emit` asked to stop: copies, emitted first next time. */
  private pending: Buffer[] = [];
  private pendingAt = 0;
  private done = false;

  constructor(collection: Collection | undefined, filter: Document, options: FindOptions, memoryLimitBytes: number) {
    this.skip = options.skip ?? 0;
    this.limit = options.limit ?? 0;
    const sort = options.sort ?? [];
    const byId = collection && singleIdLookup(collection, filter);
    if (!collection || byId) {
      if (byId && this.skip === 0) this.pending = byId.map((record) => Buffer.from(record.bytes));
      this.done = true;
      return;
    }
    const plan = planQuery(collection, filter, sort);
    if (sort.length > 0 && !plan.sorted) {
      this.held = matches(collection, filter, options, memoryLimitBytes);
      return;
    }
    this.source = plan.candidates();
    this.test = storedTest(plan.exact ? undefined : filter, options.variables);
  }

  async pull(emit: Emit): Promise<boolean> {
    while (this.pendingAt < this.pending.length) {
      if (!emit(this.pending[this.pendingAt++] as Buffer, 0)) return this.filled();
    }
    this.pending = [];
    this.pendingAt = 0;
    return (await this.read(emit)) ? this.filled() : this.exhausted;
  }

  /**
   * After `emit` asked to stop (its batch is full): true when no match remains. Unless a match
   * is pending already, reads on to the next one (kept for the next pull), so that a batch that
   * took the last match says so and its client makes no getMore to learn it, as with mongod.
   */
  private async filled(): Promise<boolean> {
    if (this.pendingAt < this.pending.length) return false;
    if (!this.done) {
      await this.read((bytes, at) => {
        this.pending.push(copyDocument(bytes, at));
        return false;
      });
    }
    return this.exhausted;
  }

  /** Hands matches to `emit` until it asks to stop (returns true then) or none remain. */
  private async read(emit: Emit): Promise<boolean> {
    if (this.held) return this.readHeld(emit);
    let stopped = false;
    while (!this.done && !stopped) {
      const read = (this.source as CandidateSource).read(this.chunk, (_key, value) => {
        if (this.done || (this.test && !this.test(value))) return;
        if (this.skipped < this.skip) {
          this.skipped++;
          return;
        }
        if (this.limit > 0 && ++this.returned >= this.limit) this.done = true;
        // The rest of a chunk read after `emit` stopped waits for the next pull, copied.
        if (stopped) this.pending.push(copyDocument(value, RID_BYTES));
        else if (!emit(value, RID_BYTES)) stopped = true;
      });
      if (read === 0) this.done = true;
      this.chunk = Math.min(this.chunk * 4, YIELD_EVERY);
      this.sinceYield += read;
      if (this.sinceYield >= YIELD_EVERY) {
        this.sinceYield = 0;
        await yieldToEventLoop();
      }
    }
    return stopped;
  }

  private async readHeld(emit: Emit): Promise<boolean> {
    const steps = this.held as Generator<Step>;
    while (!this.done) {
      const step = steps.next();
      if (step.done) this.done = true;
      else if (step.value === PAUSE) await yieldToEventLoop();
      else if (!emit(Buffer.from(step.value.bytes), 0)) return true;
    }
    return false;
  }

  private get exhausted(): boolean {
    return this.done && this.pendingAt >= this.pending.length;
  }
}

/** A copy of the BSON document at `bytes[at]`, out of LMDB's read buffer. */
export function copyDocument(bytes: Buffer, at: number): Buffer {
  return Buffer.from(bytes.subarray(at, at + bytes.readInt32LE(at)));
}

/** How many documents match (after skip, up to limit), reading only what the filter needs. */
export async function countMatches(collection: Collection, filter: Document, options: FindOptions, memoryLimitBytes: number): Promise<number> {
  let n = 0;
  await new MatchStream(collection, filter, options, memoryLimitBytes).pull(() => {
    n++;
    return true;
  });
  return n;
}

/** The distinct values of a path among the matching documents. */
export async function distinctValues(
  collection: Collection,
  path: string,
  filter: Document,
  memoryLimitBytes: number,
): Promise<unknown[]> {
  const fields = FieldSelection.of([path.split('.')[0] as string]);
  const seen = new Map<string, unknown>();
  await new MatchStream(collection, filter, {}, memoryLimitBytes).pull((bytes, at) => {
    for (const value of valuesAtPath(fields.readBytes(bytes, at), path).values) {
      if (value === undefined) continue;
      const encoded = encodeValue(value);
      if (!seen.has(encoded)) seen.set(encoded, value);
    }
    return true;
  });
  return [...seen.values()];
}

export function parseSortOption(spec: unknown): SortSpec {
  if (isPlainObject(spec) && Object.values(spec).some((v) => isPlainObject(v) && '$meta' in v)) {
    throw new CommandError('CommandNotSupported', '$meta sort (text search score) is not supported by the embedded server');
  }
  try {
    return parseSort(spec);
  } catch (error) {
    throw new CommandError('BadValue', (error as Error).message);
  }
}

/**
 * Applies a find projection (inclusion, exclusion, $slice, $elemMatch, positional) to decoded
 * documents. Projections of top-level fields only are applied here directly; mingo handles the
 * rest (it resolves every field through its generic path machinery, which made projection the
 * largest single cost of reading many small documents).
 */
export function projector(projection: unknown, variables?: Document): ((docs: Document[]) => Document[]) | undefined {
  if (projection === undefined || projection === null) return undefined;
  if (!isPlainObject(projection)) throw new CommandError('TypeMismatch', 'projection must be a document');
  if (Object.keys(projection).length === 0) return undefined;
  const simple = topLevelProjection(projection);
  if (simple) return (docs) => docs.map(simple.apply);
  return (docs) => new Query({}, { variables }).find<Document>(docs, projection).all();
}

/**
 * Writes what a find returns of a stored document (the BSON at `bytes[at]`) into a cursor batch:
 * the stored bytes themselves without a projection; for a projection of top-level fields, the
 * kept elements copied straight from them (no decoding at all); otherwise the decoded document
 * projected by mingo and serialized. Returns false once the batch is full.
 */
export function outputOf(projection: unknown, variables?: Document): (batch: BatchWriter, bytes: Buffer, at: number) => boolean {
  const project = projector(projection, variables);
  // The document being written, for fill functions made once rather than for every document.
  let source: Buffer = Buffer.alloc(0);
  let start = 0;
  if (!project) {
    const copy = (target: Buffer, to: number): number => source.copy(target, to, start, start + source.readInt32LE(start));
    return (batch, bytes, at) => {
      source = bytes;
      start = at;
      return batch.write(bytes.readInt32LE(at), copy);
    };
  }
  const simple = topLevelProjection(projection as Document);
  if (!simple) return (batch, bytes, at) => batch.add(serialize((project([decodeStored(copyDocument(bytes, at))]) as [Document])[0]));
  const names = [...simple.fields].map(fieldName);
  let unknownType = false;
  const projectInto = (target: Buffer, to: number): number => {
    const size = projectTopLevel(source, start, names, simple.include, simple.keepId, target, to);
    unknownType = size < 0;
    return size;
  };
  return (batch, bytes, at) => {
    source = bytes;
    start = at;
    const more = batch.write(bytes.readInt32LE(at), projectInto);
    return unknownType ? batch.add(serialize(simple.apply(decodeStored(copyDocument(bytes, at))))) : more;
  };
}

/** A 0/1/true/false flag of a projection, or undefined for anything else (an operator, a path, ...). */
function projectionFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && !Number.isNaN(value)) return value !== 0;
  return undefined;
}

interface TopLevelProjection {
  fields: Set<string>;
  include: boolean;
  keepId: boolean;
  apply: (doc: Document) => Document;
}

/**
 * A projection of top-level fields, all included or all excluded (`_id` either way), with MongoDB's
 * semantics: `_id` is kept unless excluded, fields keep the stored document's order, absent fields
 * stay absent. Undefined for any other projection. Values are shared with the document given.
 */
function topLevelProjection(projection: Document): TopLevelProjection | undefined {
  const fields = new Set<string>();
  let keepId = true;
  let mode: boolean | undefined;
  for (const [field, value] of Object.entries(projection)) {
    const flag = projectionFlag(value);
    if (flag === undefined || field.startsWith('$') || field.includes('.') || field.includes('$')) return undefined;
    if (field === '_id') {
      keepId = flag;
      continue;
    }
    if (mode !== undefined && mode !== flag) return undefined; // mixed: mingo reports the error
    mode = flag;
    fields.add(field);
  }
  // Only `_id` named: `{_id: 1}` includes it alone, `{_id: 0}` excludes it alone.
  const include = mode ?? keepId;
  const apply = (doc: Document): Document => {
    const out: Document = {};
    for (const key of Object.keys(doc)) {
      const kept = key === '_id' ? keepId : include === fields.has(key);
      if (kept) out[key] = doc[key];
    }
    return out;
  };
  return { fields, include, keepId, apply };
}
