import { Decimal128, Long, ObjectId, type Document } from 'bson';
import { Query } from 'mingo';
import { encodeValue } from './keys';
import { CommandError } from '../errors';
import type { Collection } from './collection';
import { viewOf, type DocRecord } from './indexes';
import { planQuery } from './planner';
import { compareBySort, isPlainObject, parseSort, toMatchable, valuesAtPath, type SortSpec } from './values';

/** Documents between two yields to the event loop during long reads, so other clients are served. */
export const YIELD_EVERY = 4096;

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A compiled filter testing stored records (through their mingo view). */
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
 * Equality on values whose index encoding is exact: strings, booleans, ObjectIds, Dates and
 * integers a double holds exactly. For those, "equals" is "has the same encoded key", so a Set of
 * keys answers `$in` over thousands of values in one lookup per document instead of mingo's
 * pairwise comparisons.
 */
function isExactPoint(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isSafeInteger(value);
  return value instanceof ObjectId || value instanceof Date;
}

/** The values a field condition accepts by equality, when it is only that. */
function exactPoints(condition: unknown): unknown[] | undefined {
  if (isExactPoint(condition)) return [condition];
  if (!isPlainObject(condition)) return undefined;
  const keys = Object.keys(condition);
  if (keys.length !== 1) return undefined;
  if (keys[0] === '$eq' && isExactPoint(condition.$eq)) return [condition.$eq];
  if (keys[0] === '$in' && Array.isArray(condition.$in) && condition.$in.every(isExactPoint)) return condition.$in;
  return undefined;
}

/**
 * A matcher for `{ path: value | {$eq} | {$in}, ... }` filters over exact points, with MongoDB's
 * semantics: a path through arrays matches when any value reached equals a point. Values whose
 * encoding may round (Decimal128, 64-bit integers) are left to mingo, document by document.
 */
function exactPointsMatcher(filter: Document): Matcher | undefined {
  const conditions: Array<{ path: string; keys: Set<string> }> = [];
  for (const [path, condition] of Object.entries(filter)) {
    if (path.startsWith('$') || path.split('.').some((p) => /^\d+$/.test(p))) return undefined;
    const points = exactPoints(condition);
    if (!points) return undefined;
    conditions.push({ path, keys: new Set(points.map(encodeValue)) });
  }
  let fallback: Query | undefined;
  return (record) => {
    for (const { path, keys } of conditions) {
      let matched = false;
      for (const value of valuesAtPath(record.doc, path).values) {
        if (value instanceof Decimal128 || value instanceof Long) {
          fallback ??= new Query(toMatchable(filter) as Document);
          return fallback.test(viewOf(record));
        }
        if (value !== undefined && keys.has(encodeValue(value))) {
          matched = true;
          break;
        }
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

/**
 * `{ _id: "a string" }` (how every upsert by source id addresses its document), answered from
 * the collection's map without planning or compiling the filter; undefined for any other filter.
 */
function singleIdLookup(collection: Collection, filter: Document): DocRecord[] | undefined {
  const id = filter._id as unknown;
  if (typeof id !== 'string') return undefined;
  for (const key in filter) if (key !== '_id') return undefined;
  const record = collection.byId(id);
  return record ? [record] : [];
}

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  /** The command's `let` variables. */
  variables?: Document | undefined;
}

/**
 * The records matching a filter, sorted, skipped and limited. Reads candidates from the best
 * index, yields to the event loop every few thousand candidates, and stops early when the
 * candidates already come in order and the limit is reached.
 */
export async function findRecords(collection: Collection, filter: Document, options: FindOptions = {}): Promise<DocRecord[]> {
  return collect(collection, filter, options, true) as Promise<DocRecord[]>;
}

/** The same without yielding, for writes (which must apply in one event-loop turn). */
export function findRecordsSync(collection: Collection, filter: Document, options: FindOptions = {}): DocRecord[] {
  return collect(collection, filter, options, false) as DocRecord[];
}

function collect(
  collection: Collection,
  filter: Document,
  options: FindOptions,
  yielding: boolean,
): DocRecord[] | Promise<DocRecord[]> {
  const byId = singleIdLookup(collection, filter);
  if (byId) return (options.skip ?? 0) > 0 ? [] : byId;
  const matches = compileFilter(filter, options.variables);
  const sort = options.sort ?? [];
  const skip = options.skip ?? 0;
  const limit = options.limit ?? 0;
  const plan = planQuery(collection, filter, sort);
  const stopAt = plan.sorted && limit > 0 ? skip + limit : Infinity;
  const iterator = plan.candidates()[Symbol.iterator]();
  const out: DocRecord[] = [];
  const finish = (): DocRecord[] => {
    if (!plan.sorted && sort.length > 0) {
      const byDoc = compareBySort(sort);
      out.sort((a, b) => byDoc(a.doc, b.doc));
    }
    const end = limit > 0 ? skip + limit : undefined;
    return skip > 0 || end !== undefined ? out.slice(skip, end) : out;
  };
  const step = (): boolean => {
    for (let n = 0; n < YIELD_EVERY; n++) {
      const next = iterator.next();
      if (next.done) return true;
      if (matches(next.value)) {
        out.push(next.value);
        if (out.length >= stopAt) return true;
      }
    }
    return false;
  };
  // Only collection scans yield: a Map iterator survives writes made meanwhile, a BTree
  // iterator does not, and index reads are bounded by what they select.
  if (!yielding || plan.indexName !== undefined) {
    while (!step());
    return finish();
  }
  return (async () => {
    while (!step()) await yieldToEventLoop();
    return finish();
  })();
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
 * Applies a find projection (inclusion, exclusion, $slice, $elemMatch, positional). Projections of
 * top-level fields only, by far the most common kind, are applied here directly; mingo handles
 * the rest. mingo resolves every field through its generic path machinery, which made projection
 * the largest single cost of reading many small documents (see bench/identity.ts).
 */
export function projector(projection: unknown, variables?: Document): ((docs: Document[]) => Document[]) | undefined {
  if (projection === undefined || projection === null) return undefined;
  if (!isPlainObject(projection)) throw new CommandError('TypeMismatch', 'projection must be a document');
  if (Object.keys(projection).length === 0) return undefined;
  const simple = topLevelProjector(projection);
  if (simple) return (docs) => docs.map(simple);
  return (docs) => new Query({}, { variables }).find<Document>(docs, projection).all();
}

/** A 0/1/true/false flag of a projection, or undefined for anything else (an operator, a path, ...). */
function projectionFlag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && !Number.isNaN(value)) return value !== 0;
  return undefined;
}

/**
 * A projection of top-level fields, all included or all excluded (`_id` either way), with MongoDB's
 * semantics: `_id` is kept unless excluded, fields keep the stored document's order, absent fields
 * stay absent. Returns undefined for any other projection. Values are shared with the stored
 * document, which is never mutated in place (writes replace it whole).
 */
function topLevelProjector(projection: Document): ((doc: Document) => Document) | undefined {
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
  mode ??= keepId;
  if (!mode) {
    return (doc) => {
      const out: Document = {};
      for (const key of Object.keys(doc)) {
        if (fields.has(key) || (key === '_id' && !keepId)) continue;
        out[key] = doc[key];
      }
      return out;
    };
  }
  return (doc) => {
    const out: Document = {};
    for (const key of Object.keys(doc)) {
      if (key === '_id' ? keepId : fields.has(key)) out[key] = doc[key];
    }
    return out;
  };
}
