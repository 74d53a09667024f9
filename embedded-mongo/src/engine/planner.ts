import { ObjectId, type Document } from 'bson';
import type { Collection } from './collection';
import type { Index, KeyRange } from './indexes';
import { afterPrefix, encodeKey, typeBracket } from './keys';
import { isPlainObject, typeRank, TypeRank, type SortSpec } from './values';

/**
 * Chooses how to find the candidates for a filter: an index lookup when the filter constrains a
 * prefix of an index's fields by equality, `$in` or a range, otherwise a walk of the collection.
 * Candidates are a superset of the matches; the caller applies the full filter unless the plan
 * is `exact`, so a plan only decides how much is read, never what is returned.
 */
export interface Plan {
  /** A fresh reader of the candidates, from the start. */
  candidates(): CandidateSource;
  /** True when candidates come in the requested sort order, so the caller need not sort. */
  readonly sorted: boolean;
  /** True when every candidate matches the filter, which then need not be applied. */
  readonly exact: boolean;
}

/**
 * Reads a plan's candidates chunk by chunk. Each chunk is read in one go (one LMDB read
 * snapshot); the next one resumes after the last key read, so a reader can be paused across
 * turns of the event loop while writes go on (as MongoDB's cursors yield: a document changed
 * meanwhile is seen as it is when its chunk is read).
 */
export interface CandidateSource {
  /**
   * Reads up to `max` more candidates, handing each to `visit` as its `_id` key and its stored
   * value (record id, then BSON). The value may be a view of LMDB's read buffer, valid only until
   * `visit` returns: candidates are tested where they lie and copied only if they match. Returns
   * how many entries were read; 0 once there are none left.
   */
  read(max: number, visit: Visit): number;
}

export type Visit = (key: Buffer, value: Buffer) => void;

interface Range {
  low?: { value: unknown; inclusive: boolean };
  high?: { value: unknown; inclusive: boolean };
}

type FieldCondition = { kind: 'points'; values: unknown[] } | { kind: 'range'; range: Range };

// An $in list larger than this is read by a scan anyway: the lookups would cost as much.
const MAX_POINTS = 200_000;

/** A value an index lookup can look for by equality (null, arrays and regexes have wider semantics). */
function isPointValue(value: unknown): boolean {
  if (value === null || value === undefined || Array.isArray(value) || value instanceof RegExp) return false;
  const rank = typeRank(value);
  if (rank === TypeRank.RegExp || rank === TypeRank.MinKey || rank === TypeRank.MaxKey) return false;
  if (isPlainObject(value)) return !Object.keys(value).some((k) => k.startsWith('$'));
  return true;
}

function isOperatorObject(value: unknown): value is Document {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/** The conditions on one path that the index can use, from the filter's top level and `$and`. */
function conditionsOn(filter: Document, path: string): FieldCondition | undefined {
  const found: FieldCondition[] = [];
  collectConditions(filter, path, found);
  // Equality is the most selective; among several, any one is a correct superset.
  return found.find((c) => c.kind === 'points') ?? found[0];
}

function collectConditions(filter: Document, path: string, found: FieldCondition[]): void {
  const and = filter.$and as unknown;
  if (Array.isArray(and)) for (const clause of and) if (isPlainObject(clause)) collectConditions(clause, path, found);
  if (!Object.prototype.hasOwnProperty.call(filter, path)) return;
  const value = filter[path] as unknown;
  if (!isOperatorObject(value)) {
    if (isPointValue(value)) found.push({ kind: 'points', values: [value] });
    return;
  }
  const range: Range = {};
  for (const op in value) {
    const arg = value[op] as unknown;
    if (op === '$eq' && isPointValue(arg)) found.push({ kind: 'points', values: [arg] });
    else if (op === '$in' && Array.isArray(arg) && arg.length <= MAX_POINTS && arg.every(isPointValue)) {
      found.push({ kind: 'points', values: arg });
    } else if ((op === '$gt' || op === '$gte') && isPointValue(arg) && !isPlainObject(arg)) {
      range.low = { value: arg, inclusive: op === '$gte' };
    } else if ((op === '$lt' || op === '$lte') && isPointValue(arg) && !isPlainObject(arg)) {
      range.high = { value: arg, inclusive: op === '$lte' };
    }
  }
  if (range.low || range.high) found.push({ kind: 'range', range });
}

interface Candidate {
  index: Index;
  score: number;
  /** How many leading fields the prefixes fix by equality. */
  equalities: number;
  /** Encoded keys of those leading fields, one per combination of their points, sorted. */
  prefixes: Buffer[];
  /** The first field's keys in the order the filter lists its points (for `_id` lookups). */
  listed: Buffer[] | undefined;
  range: Range | undefined;
}

/**
 * A partial index only holds the documents matching its filter, so it may serve a query only
 * when the query repeats that filter's conditions word for word (and thus implies them).
 */
function coversQuery(index: Index, filter: Document): boolean {
  const partial = index.spec.partialFilterExpression;
  if (!partial) return true;
  return Object.entries(partial).every(([key, condition]) => key in filter && encodeKey(filter[key]).equals(encodeKey(condition)));
}

/** The keys of values, each once, in the order of their first value, by their latin1 string. */
function distinctKeys(values: unknown[]): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const value of values) {
    const key = encodeKey(value);
    const text = key.toString('latin1');
    if (!keys.has(text)) keys.set(text, key);
  }
  return keys;
}


function planIndex(index: Index, filter: Document): Candidate | undefined {
  if (!coversQuery(index, filter)) return undefined;
  let prefixes: Buffer[] = [Buffer.alloc(0)];
  let listed: Buffer[] | undefined;
  let score = 0;
  let range: Range | undefined;
  let i = 0;
  for (; i < index.fields.length; i++) {
    const [path] = index.fields[i] as [string, 1 | -1];
    const condition = conditionsOn(filter, path);
    if (!condition) break;
    if (condition.kind === 'points') {
      const keys = distinctKeys(condition.values);
      if (i === 0) listed = [...keys.values()];
      // One character per byte: the strings sort as the keys do, and faster than Buffer.compare.
      const parts = [...keys.keys()].sort().map((text) => keys.get(text) as Buffer);
      if (prefixes.length * parts.length > MAX_POINTS) break;
      prefixes = i === 0 ? parts : prefixes.flatMap((p) => parts.map((part) => Buffer.concat([p, part])));
      score += 3;
      continue;
    }
    range = condition.range;
    // A multikey index can't intersect bounds: [1, 10] matches {$gt: 5, $lt: 3} element-wise.
    if (index.multikey && range.low && range.high) range = { low: range.low };
    score += 1;
    break;
  }
  if (score === 0) return undefined;
  if (index.unique && i === index.fields.length && !range) score += 100;
  return { index, score, equalities: i, prefixes, listed, range };
}

/** The key ranges a candidate reads: one per prefix, narrowed by the range on the next field. */
function keyRanges(c: Candidate): KeyRange[] {
  return c.prefixes.map((prefix) => {
    if (!c.range) return { low: prefix, high: afterPrefix(prefix) };
    // MongoDB range predicates are type-bracketed: {$gt: 5} only matches numbers.
    const bound = c.range.low ?? c.range.high;
    const bracket = typeBracket(typeRank(bound?.value));
    const low = c.range.low ? encodeKey(c.range.low.value) : bracket.low;
    const high = c.range.high ? encodeKey(c.range.high.value) : bracket.high;
    const lowKey = Buffer.concat([prefix, low]);
    const highKey = Buffer.concat([prefix, high]);
    return {
      low: c.range.low && !c.range.low.inclusive ? afterPrefix(lowKey) : lowKey,
      high: c.range.high?.inclusive ? afterPrefix(highKey) : highKey,
    };
  });
}

/** The direction to walk an index so its order equals the sort, if it can serve the sort. */
function sortDirection(index: Index, sort: SortSpec): 1 | -1 | undefined {
  if (sort.length === 0 || index.multikey || !index.coversAllDocuments || sort.length > index.fields.length) return undefined;
  // Keys are stored ascending whatever the declared direction, so all-ascending or
  // all-descending sorts over a prefix of the fields are served.
  const direction = sort[0]?.[1];
  for (let i = 0; i < sort.length; i++) {
    const [field, dir] = sort[i] as [string, 1 | -1];
    if (index.fields[i]?.[0] !== field || dir !== direction) return undefined;
  }
  return direction;
}

/** The walk direction serving `sort` from the fields after the equality prefix, if any. */
function sortAfterPrefix(c: Candidate, sort: SortSpec): 1 | -1 | undefined {
  const index = c.index;
  if (sort.length === 0 || index.multikey || sort.length > index.fields.length - c.equalities) return undefined;
  const direction = sort[0]?.[1];
  for (let i = 0; i < sort.length; i++) {
    const [field, dir] = sort[i] as [string, 1 | -1];
    if (index.fields[c.equalities + i]?.[0] !== field || dir !== direction) return undefined;
  }
  return direction;
}

/**
 * True when the filter is nothing but equalities (or `$in`) on exact points over the fields the
 * candidate's prefixes fix: then an index entry equal to a prefix is exactly a match. (A
 * multikey index also indexes elements, and the filter's semantics on arrays are left to it.)
 */
function answersExactly(c: Candidate, filter: Document): boolean {
  if (c.range || c.index.multikey || !c.index.coversAllDocuments) return false;
  const paths = Object.keys(filter);
  if (paths.length !== c.equalities) return false;
  return paths.every((path, i) => c.index.fields[i]?.[0] === path && exactPoints(filter[path]) !== undefined);
}

/**
 * A value whose index encoding is exact: strings, booleans, ObjectIds, Dates and integers a
 * double holds exactly. For those, "equals" is "has the same encoded key".
 */
export function isExactPoint(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return value instanceof ObjectId || value instanceof Date;
}

/** The values a field condition accepts by equality, when it is only that, on exact points. */
export function exactPoints(condition: unknown): unknown[] | undefined {
  if (isExactPoint(condition)) return [condition];
  if (!isPlainObject(condition)) return undefined;
  const keys = Object.keys(condition);
  if (keys.length !== 1) return undefined;
  if (keys[0] === '$eq' && isExactPoint(condition.$eq)) return [condition.$eq];
  if (keys[0] === '$in' && Array.isArray(condition.$in) && condition.$in.every(isExactPoint)) return condition.$in;
  return undefined;
}

export function planQuery(collection: Collection, filter: Document, sort: SortSpec = []): Plan {
  let best: Candidate | undefined;
  for (const index of collection.indexes.values()) {
    const candidate = planIndex(index, filter);
    if (candidate && (!best || candidate.score > best.score)) best = candidate;
  }
  const idSort = sort.length === 1 && sort[0]?.[0] === '_id' ? sort[0][1] : undefined;
  if (best && best.index === collection.idIndex) {
    const chosen = best;
    const reverse = idSort === -1;
    const sorted = sort.length === 0 || idSort !== undefined;
    if (!chosen.range) {
      // `_id` equality and `$in`: straight from the documents database. Unsorted, in the order
      // the `$in` lists them (as this server always answered), else in `_id` order.
      const keys = idSort === undefined ? (chosen.listed ?? chosen.prefixes) : reverse ? [...chosen.prefixes].reverse() : chosen.prefixes;
      return { candidates: () => new IdPoints(collection, keys), sorted, exact: answersExactly(chosen, filter) };
    }
    const [range] = keyRanges(chosen) as [KeyRange];
    return { candidates: () => new IdRange(collection, range, reverse), sorted, exact: false };
  }
  if (best) {
    const chosen = best;
    const exact = answersExactly(chosen, filter);
    // One equality prefix followed by the sort's fields: the prefix's entries are already in order.
    const direction = chosen.prefixes.length === 1 && !chosen.range ? sortAfterPrefix(chosen, sort) : undefined;
    if (direction) {
      return {
        candidates: () => new IndexEntries(collection, chosen.index, keyRanges(chosen), direction === -1, false),
        sorted: true,
        exact,
      };
    }
    // A single-point lookup on a sort-compatible index already yields sorted records.
    const sorted = chosen.prefixes.length === 1 && !chosen.range && sort.length === 0;
    if (chosen.index.unique && chosen.equalities === chosen.index.fields.length) {
      // Every field fixed in a unique index: each prefix is a whole key, found by one lookup.
      return { candidates: () => new UniquePoints(collection, chosen.index, chosen.prefixes), sorted, exact };
    }
    return {
      candidates: () => new IndexEntries(collection, chosen.index, keyRanges(chosen), false, chosen.index.multikey),
      sorted,
      exact,
    };
  }
  const exact = Object.keys(filter).length === 0;
  for (const index of collection.indexes.values()) {
    const direction = sortDirection(index, sort);
    if (!direction) continue;
    if (index === collection.idIndex) {
      return { candidates: () => new IdRange(collection, {}, direction === -1), sorted: true, exact };
    }
    return { candidates: () => new IndexEntries(collection, index, [{}], direction === -1, false), sorted: true, exact };
  }
  return { candidates: () => new NaturalOrder(collection), sorted: sort.length === 0, exact };
}

/** Every document, in insertion order. */
class NaturalOrder implements CandidateSource {
  private after: Buffer | undefined;

  constructor(private readonly collection: Collection) {}

  read(max: number, visit: Visit): number {
    this.collection.assertLive();
    const last = this.collection.naturalOrder(this.after, max, visit);
    if (last === undefined) return 0;
    this.after = last.key;
    return last.read;
  }
}

/** Documents by `_id` key. */
class IdPoints implements CandidateSource {
  private position = 0;

  constructor(
    private readonly collection: Collection,
    private readonly keys: readonly Buffer[],
  ) {}

  read(max: number, visit: Visit): number {
    this.collection.assertLive();
    const from = this.position;
    for (; this.position < this.keys.length && this.position - from < max; this.position++) {
      const key = this.keys[this.position] as Buffer;
      const value = this.collection.valueOf(key);
      if (value) visit(key, value);
    }
    return this.position - from;
  }
}

/** Documents of an `_id` range, in `_id` order or reversed. */
class IdRange implements CandidateSource {
  private after: Buffer | undefined;

  constructor(
    private readonly collection: Collection,
    private readonly range: KeyRange,
    private readonly reverse: boolean,
  ) {}

  read(max: number, visit: Visit): number {
    this.collection.assertLive();
    const last = this.collection.documentsInRange(this.range, this.reverse, this.after, max, visit);
    if (last === undefined) return 0;
    this.after = last.key;
    return last.read;
  }
}

/** The documents holding given whole keys of a unique index. */
class UniquePoints implements CandidateSource {
  private position = 0;

  constructor(
    private readonly collection: Collection,
    private readonly index: Index,
    private readonly keys: readonly Buffer[],
  ) {}

  read(max: number, visit: Visit): number {
    this.collection.assertLive();
    if (this.index.dropped) throw this.collection.indexDropped(this.index.name);
    const from = this.position;
    for (; this.position < this.keys.length && this.position - from < max; this.position++) {
      const idKey = this.index.holder(this.keys[this.position] as Buffer);
      const value = idKey && this.collection.valueOf(idKey);
      if (idKey && value) visit(idKey, value);
    }
    return this.position - from;
  }
}

/** The documents of an index's key ranges, in key order (or reversed), each once if `distinct`. */
class IndexEntries implements CandidateSource {
  private range = 0;
  private after: Buffer | undefined;
  private readonly seen: Set<string> | undefined;

  constructor(
    private readonly collection: Collection,
    private readonly index: Index,
    private readonly ranges: KeyRange[],
    private readonly reverse: boolean,
    distinct: boolean,
  ) {
    if (reverse) this.ranges = [...ranges].reverse();
    this.seen = distinct ? new Set() : undefined;
  }

  read(max: number, visit: Visit): number {
    this.collection.assertLive();
    if (this.index.dropped) throw this.collection.indexDropped(this.index.name);
    let read = 0;
    while (read < max && this.range < this.ranges.length) {
      const entries = this.index.entries(this.ranges[this.range] as KeyRange, this.reverse, this.after, max - read);
      if (entries.length < max - read) {
        this.range++;
        this.after = undefined;
      } else {
        this.after = entries.at(-1)?.entry;
      }
      read += entries.length;
      for (const { idKey } of entries) {
        if (this.seen) {
          const seenKey = idKey.toString('latin1');
          if (this.seen.has(seenKey)) continue;
          this.seen.add(seenKey);
        }
        const value = this.collection.valueOf(idKey);
        if (value) visit(idKey, value);
      }
    }
    return read;
  }
}
