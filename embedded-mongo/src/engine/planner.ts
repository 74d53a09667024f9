import type { Document } from 'bson';
import type { Collection } from './collection';
import type { DocRecord, Index } from './indexes';
import { encodeValue, typeBracket } from './keys';
import { isPlainObject, typeRank, TypeRank, type SortSpec } from './values';

/**
 * Chooses how to find the candidates for a filter: an index lookup when the filter constrains a
 * prefix of an index's fields by equality, `$in` or a range, otherwise a walk of the collection.
 * Candidates are a superset of the matches; the caller always applies the full filter, so a plan
 * only decides how much is read, never what is returned.
 */
export interface Plan {
  /** Records to test against the filter; may contain duplicates when a multikey index is used. */
  candidates(): Iterable<DocRecord>;
  /** True when candidates come in the requested sort order, so the caller need not sort. */
  readonly sorted: boolean;
  /** For explain-like diagnostics and tests: the index used, if any. */
  readonly indexName: string | undefined;
}

interface Range {
  low?: { value: unknown; inclusive: boolean };
  high?: { value: unknown; inclusive: boolean };
}

type FieldCondition = { kind: 'points'; values: unknown[] } | { kind: 'range'; range: Range };

const ID_INDEX = '_id_';

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
  const visit = (f: Document): void => {
    for (const [key, value] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(value)) {
        for (const clause of value) if (isPlainObject(clause)) visit(clause);
        continue;
      }
      if (key !== path) continue;
      if (!isOperatorObject(value)) {
        if (isPointValue(value)) found.push({ kind: 'points', values: [value] });
        continue;
      }
      const range: Range = {};
      for (const [op, arg] of Object.entries(value)) {
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
  };
  visit(filter);
  // Equality is the most selective; among several, any one is a correct superset.
  return found.find((c) => c.kind === 'points') ?? found[0];
}

interface Candidate {
  index: Index;
  score: number;
  /** How many leading fields the prefixes fix by equality. */
  equalities: number;
  prefixes: string[];
  range: Range | undefined;
  nextField: string | undefined;
}

/**
 * A partial index only holds the documents matching its filter, so it may serve a query only
 * when the query repeats that filter's conditions word for word (and thus implies them).
 */
function coversQuery(index: Index, filter: Document): boolean {
  const partial = index.spec.partialFilterExpression;
  if (!partial) return true;
  return Object.entries(partial).every(
    ([key, condition]) => key in filter && encodeValue(filter[key]) === encodeValue(condition),
  );
}

function planIndex(index: Index, filter: Document): Candidate | undefined {
  if (!coversQuery(index, filter)) return undefined;
  let prefixes = [''];
  let score = 0;
  let range: Range | undefined;
  let i = 0;
  for (; i < index.fields.length; i++) {
    const [path] = index.fields[i] as [string, 1 | -1];
    const condition = conditionsOn(filter, path);
    if (!condition) break;
    if (condition.kind === 'points') {
      const parts = [...new Set(condition.values.map(encodeValue))].sort();
      if (prefixes.length * parts.length > MAX_POINTS) break;
      prefixes = prefixes.flatMap((p) => parts.map((part) => p + part));
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
  return { index, score, equalities: i, prefixes, range, nextField: range ? index.fields[i]?.[0] : undefined };
}

function* scanIndex(c: Candidate): Generator<DocRecord> {
  for (const prefix of c.prefixes) {
    if (!c.range) {
      yield* c.index.prefixScan(prefix);
      continue;
    }
    // MongoDB range predicates are type-bracketed: {$gt: 5} only matches numbers.
    const bound = c.range.low ?? c.range.high;
    const bracket = typeBracket(typeRank(bound?.value));
    const low = c.range.low ? encodeValue(c.range.low.value) : bracket.low;
    const high = c.range.high ? encodeValue(c.range.high.value) : bracket.high;
    yield* c.index.rangeScan(
      prefix,
      low,
      c.range.low ? c.range.low.inclusive : true,
      high,
      c.range.high ? c.range.high.inclusive : false,
    );
  }
}

function* unique(records: Iterable<DocRecord>): Generator<DocRecord> {
  const seen = new Set<DocRecord>();
  for (const record of records) {
    if (seen.has(record)) continue;
    seen.add(record);
    yield record;
  }
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

function* idLookups(collection: Collection, values: unknown[]): Generator<DocRecord> {
  for (const value of values) {
    const record = collection.byId(value);
    if (record) yield record;
  }
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

export function planQuery(collection: Collection, filter: Document, sort: SortSpec = []): Plan {
  let best: Candidate | undefined;
  for (const index of collection.indexes.values()) {
    const candidate = planIndex(index, filter);
    if (candidate && (!best || candidate.score > best.score)) best = candidate;
  }
  if (best && best.index === collection.idIndex && !best.range) {
    // `_id` equality and `$in`: straight from the collection's map.
    const condition = conditionsOn(filter, '_id');
    const values = condition?.kind === 'points' ? condition.values : [];
    const distinct = [...new Map(values.map((v) => [encodeValue(v), v])).values()];
    return { candidates: () => idLookups(collection, distinct), sorted: sort.length === 0, indexName: ID_INDEX };
  }
  if (best) {
    if (best.index === collection.idIndex) collection.materializeIdIndex();
    const chosen = best;
    // One equality prefix followed by the sort's fields: the prefix's entries are already in order.
    const direction = chosen.prefixes.length === 1 && !chosen.range ? sortAfterPrefix(chosen, sort) : undefined;
    if (direction) {
      const prefix = chosen.prefixes[0] as string;
      return {
        candidates: () => (direction === 1 ? chosen.index.prefixScan(prefix) : chosen.index.prefixScanReversed(prefix)),
        sorted: true,
        indexName: chosen.index.name,
      };
    }
    // A single-point lookup on a sort-compatible index already yields sorted records.
    const sorted = chosen.prefixes.length === 1 && !chosen.range && sort.length === 0;
    return {
      candidates: () => (chosen.index.multikey || chosen.prefixes.length > 1 ? unique(scanIndex(chosen)) : scanIndex(chosen)),
      sorted,
      indexName: chosen.index.name,
    };
  }
  for (const index of collection.indexes.values()) {
    const direction = sortDirection(index, sort);
    if (direction) {
      if (index === collection.idIndex) collection.materializeIdIndex();
      return { candidates: () => index.walk(direction), sorted: true, indexName: index.name };
    }
  }
  return { candidates: () => collection.records.values(), sorted: sort.length === 0, indexName: undefined };
}
