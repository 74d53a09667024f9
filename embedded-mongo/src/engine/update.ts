import { Decimal128, Long, ObjectId, type Document } from 'bson';
import { Aggregator, update as mingoUpdate } from 'mingo';
import * as pipelineStages from 'mingo/operators/pipeline';
import { CommandError } from '../errors';
import { cloneDocument, getPath, isPlainObject, valuesEqual } from './values';

const SUPPORTED_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$addToSet', '$pop', '$pull',
  '$pullAll', '$currentDate', '$bit', '$setOnInsert',
]);

// The stages mongod runs in an update pipeline.
const PIPELINE_UPDATE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

export type UpdateSpec = Document | Document[];

export function isOperatorUpdate(update: UpdateSpec): boolean {
  return !Array.isArray(update) && Object.keys(update).some((k) => k.startsWith('$'));
}

export function validateUpdate(update: unknown): UpdateSpec {
  if (Array.isArray(update)) {
    if (!update.every(isPlainObject)) throw new CommandError('FailedToParse', 'an update pipeline must be an array of stages');
    for (const stage of update) {
      const name = Object.keys(stage)[0] ?? '';
      if (PIPELINE_UPDATE_STAGES.has(name)) continue;
      if (!(name in pipelineStages)) throw new CommandError('Location40324', `Unrecognized pipeline stage name: '${name}'`);
      throw new CommandError('InvalidOptions', `${name} is not allowed to be used within an update`);
    }
    return update;
  }
  if (!isPlainObject(update)) throw new CommandError('FailedToParse', 'update must be a document or a pipeline');
  const keys = Object.keys(update);
  const operators = keys.filter((k) => k.startsWith('$'));
  if (operators.length > 0 && operators.length !== keys.length) {
    throw new CommandError('FailedToParse', 'an update document cannot mix update operators and replacement fields');
  }
  for (const op of operators) {
    if (!SUPPORTED_OPERATORS.has(op)) {
      throw new CommandError('FailedToParse', `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
    if (!isPlainObject(update[op])) throw new CommandError('FailedToParse', `Modifiers operate on fields but we found another type instead: ${op}`);
  }
  return update;
}

interface ApplyOptions {
  arrayFilters?: Document[] | undefined;
  /** The query, for the positional `$` operator. */
  filter?: Document | undefined;
  /** True when the update builds a new document for an upsert ($setOnInsert applies). */
  inserting?: boolean;
  /** Variables of a pipeline update (the command's `let`, the statement's constants). */
  variables?: Document | undefined;
}

/**
 * Applies an update (operators, replacement or pipeline) to a copy of `doc`.
 * Returns the new document and whether anything changed; `doc` itself is never touched.
 */
export function applyUpdate(doc: Document, update: UpdateSpec, options: ApplyOptions = {}): { doc: Document; modified: boolean } {
  if (Array.isArray(update)) return applyPipeline(doc, update, options.variables);
  const id = doc._id;
  let next: Document;
  let modified: boolean;
  if (!isOperatorUpdate(update)) {
    if (update._id !== undefined && id !== undefined && !valuesEqual(update._id, id)) {
      throw immutableId();
    }
    // No deep copy: a replacement is applied to one document only and comes from a command
    // decoded for this write alone, so nothing else holds its values.
    next = id === undefined ? { ...update } : { _id: id, ...update };
    modified = true;
  } else {
    next = cloneDocument(doc);
    const modifier: Document = {};
    for (const [op, fields] of Object.entries(update)) {
      if (op === '$setOnInsert') {
        if (options.inserting) modifier.$set = { ...(modifier.$set as Document | undefined), ...(fields as Document) };
        continue;
      }
      if (op === '$inc' || op === '$mul') {
        // mingo's arithmetic only knows JS numbers; 64-bit and decimal values are done exactly here.
        const rest: Document = {};
        for (const [path, arg] of Object.entries(fields as Document)) {
          const current = getPath(next, path);
          if (needsExactArithmetic(current) || needsExactArithmetic(arg)) {
            modifier.$set = { ...(modifier.$set as Document | undefined), [path]: arithmetic(op, current, arg, path) };
          } else {
            rest[path] = arg;
          }
        }
        if (Object.keys(rest).length > 0) modifier[op] = rest;
        continue;
      }
      modifier[op] = op === '$set' ? { ...(modifier.$set as Document | undefined), ...(fields as Document) } : fields;
    }
    if (Object.keys(modifier).length === 0) return { doc, modified: false };
    const simple = applySimpleUpdate(next, modifier);
    if (simple !== undefined) return { doc: next, modified: simple };
    const changed = mingoUpdate(next, modifier as never, options.arrayFilters, options.filter as never, { cloneMode: 'deep' });
    modified = changed.length > 0;
  }
  if (id !== undefined && !valuesEqual(next._id, id)) throw immutableId();
  if (id !== undefined && next._id === undefined) next = { _id: id, ...next };
  return { doc: next, modified };
}

/**
 * A pipeline update as mongod applies one: the pipeline's output replaces the document whole, and
 * an output without `_id` keeps the document's (first). Nothing is written when the output is the
 * document exactly.
 */
function applyPipeline(doc: Document, pipeline: Document[], variables: Document | undefined): { doc: Document; modified: boolean } {
  const [output] = new Aggregator(pipeline, { variables }).run([cloneDocument(doc)]) as Document[];
  if (output === undefined) throw new CommandError('InternalError', 'an update pipeline produced no document');
  if (identical(output, doc)) return { doc, modified: false };
  if (output._id === undefined) return { doc: doc._id === undefined ? output : { _id: doc._id, ...output }, modified: true };
  if (doc._id !== undefined && !valuesEqual(output._id, doc._id)) throw immutableId();
  return { doc: output, modified: true };
}

/**
 * `$set`, `$unset` and `$inc` on plain paths through embedded documents, the bulk of real
 * updates, applied directly: mingo's update rebuilds its operator tables on every call, which
 * costs more than the update itself. Returns undefined (nothing touched) whenever the update
 * needs anything more (arrays on the way, positional paths, overlapping paths, non-numbers).
 */
function applySimpleUpdate(doc: Document, modifier: Document): boolean | undefined {
  const steps: Array<{ op: string; parts: string[]; value: unknown }> = [];
  const paths: string[] = [];
  for (const [op, fields] of Object.entries(modifier)) {
    if (op !== '$set' && op !== '$unset' && op !== '$inc') return undefined;
    for (const [path, value] of Object.entries(fields as Document)) {
      if (path.includes('$') || path === '' || path.split('.').some((p) => p === '' || /^\d+$/.test(p))) return undefined;
      if (op === '$inc' && typeof value !== 'number') return undefined;
      paths.push(path);
      steps.push({ op, parts: path.split('.'), value });
    }
  }
  paths.sort();
  for (let i = 1; i < paths.length; i++) {
    const prev = paths[i - 1] as string;
    const path = paths[i] as string;
    if (path === prev || path.startsWith(`${prev}.`)) return undefined;
  }
  // Check every step can apply before changing anything.
  for (const { op, parts } of steps) {
    let target: unknown = doc;
    for (let i = 0; i < parts.length - 1; i++) {
      target = (target as Document)[parts[i] as string];
      if (target === undefined) break;
      if (!isPlainObject(target)) return undefined;
    }
    if (op === '$inc' && target !== undefined) {
      const current = (target as Document)[parts[parts.length - 1] as string] as unknown;
      if (current !== undefined && current !== null && typeof current !== 'number') return undefined;
      if (current === null) return undefined;
    }
  }
  let modified = false;
  for (const { op, parts, value } of steps) {
    let target: Document = doc;
    const last = parts[parts.length - 1] as string;
    let missing = false;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i] as string;
      if (target[part] === undefined) {
        if (op === '$unset') {
          missing = true;
          break;
        }
        target[part] = {};
      }
      target = target[part] as Document;
    }
    if (missing) continue;
    if (op === '$unset') {
      if (Object.prototype.hasOwnProperty.call(target, last)) {
        delete target[last];
        modified = true;
      }
    } else if (op === '$inc') {
      target[last] = ((target[last] as number | undefined) ?? 0) + (value as number);
      modified = true;
    } else if (!identical(target[last], value)) {
      target[last] = cloneDocument(value);
      modified = true;
    }
  }
  return modified;
}

/** Same BSON value and same type (1 and Long(1) are equal in queries but not identical). */
function identical(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => identical(v, (b as unknown[])[i]));
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  if (isPlainObject(a)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && identical(a[k], (b as Document)[k]));
  }
  return valuesEqual(a, b);
}

function immutableId(): CommandError {
  return new CommandError('ImmutableField', "Performing an update on the path '_id' would modify the immutable field '_id'");
}

function needsExactArithmetic(value: unknown): boolean {
  return value instanceof Long || value instanceof Decimal128 || typeof value === 'bigint';
}

/** A decimal number as an exact integer mantissa and a power of ten. */
function toDecimalParts(value: unknown): { m: bigint; e: number } {
  const text = value instanceof Decimal128 ? value.toString() : typeof value === 'number' ? numberToText(value) : String(value);
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new CommandError('TypeMismatch', `cannot apply arithmetic to the non-finite decimal value ${text}`);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const m = BigInt(`${sign}${whole}${fraction}` || '0');
  return { m, e: Number(exponent) - fraction.length };
}

function numberToText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toString();
}

function decimalFromParts(m: bigint, e: number): Decimal128 {
  const negative = m < 0n;
  const digits = (negative ? -m : m).toString();
  return Decimal128.fromStringWithRounding(`${negative ? '-' : ''}${digits}E${e}`);
}

function arithmetic(op: '$inc' | '$mul', current: unknown, arg: unknown, path: string): unknown {
  const isNumeric = (v: unknown): boolean => typeof v === 'number' || needsExactArithmetic(v);
  if (!isNumeric(arg)) throw new CommandError('TypeMismatch', `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${String(arg)}}`);
  if (current !== undefined && current !== null && !isNumeric(current)) {
    throw new CommandError('TypeMismatch', `Cannot apply ${op} to a value of non-numeric type at ${path}`);
  }
  const base = current ?? (op === '$inc' ? 0 : 0);
  if (base instanceof Decimal128 || arg instanceof Decimal128) {
    const a = toDecimalParts(base);
    const b = toDecimalParts(arg);
    if (op === '$mul') return decimalFromParts(a.m * b.m, a.e + b.e);
    const e = Math.min(a.e, b.e);
    return decimalFromParts(a.m * 10n ** BigInt(a.e - e) + b.m * 10n ** BigInt(b.e - e), e);
  }
  // Long with integers stays a Long (MongoDB widens int32 to int64, never to double).
  const integral = (v: unknown): boolean => v instanceof Long || typeof v === 'bigint' || Number.isInteger(v);
  if (integral(base) && integral(arg)) {
    const a = BigInt(String(base instanceof Long ? base.toString() : base));
    const b = BigInt(String(arg instanceof Long ? arg.toString() : arg));
    return Long.fromBigInt(BigInt.asIntN(64, op === '$inc' ? a + b : a * b));
  }
  const x = Number(base instanceof Long ? base.toNumber() : base);
  const y = Number(arg instanceof Long ? arg.toNumber() : arg);
  return op === '$inc' ? x + y : x * y;
}

/**
 * The document an upsert starts from: the filter's equality conditions (top level, `$eq` and
 * `$and`), as MongoDB seeds it, before the update is applied.
 */
export function upsertSeed(filter: Document): Document {
  const seed: Document = {};
  const visit = (f: Document): void => {
    for (const [key, value] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(value)) {
        for (const clause of value) if (isPlainObject(clause)) visit(clause);
        continue;
      }
      if (key.startsWith('$')) continue;
      if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) {
        if ('$eq' in value) setPath(seed, key, cloneDocument(value.$eq));
        continue;
      }
      setPath(seed, key, cloneDocument(value));
    }
  };
  visit(filter);
  return seed;
}

function setPath(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let target: Document = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(target[part])) target[part] = {};
    target = target[part] as Document;
  }
  target[parts[parts.length - 1] as string] = value;
}

/** The first `$`-prefixed field name in a value, depth first, as mongod's storage check finds it. */
function dollarPrefixedName(value: unknown): string | undefined {
  const entries = Array.isArray(value) ? value.map((v) => ['', v] as const) : isPlainObject(value) ? Object.entries(value) : [];
  for (const [name, inner] of entries) {
    if (name.startsWith('$')) return name;
    const found = dollarPrefixedName(inner);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Refuses an `_id` mongod would not store: a document holding `$`-prefixed field names at any
 * depth. (A DBRef, which may, is decoded by bson as a DBRef rather than a plain document.)
 */
export function checkStorableId(id: unknown): void {
  const name = dollarPrefixedName(isPlainObject(id) ? id : undefined);
  if (name !== undefined) {
    throw new CommandError('DollarPrefixedFieldName', `_id fields may not contain '$'-prefixed fields: ${name} is not valid for storage.`);
  }
}

/** MongoDB stores `_id` as the first field; this returns `doc` with it first (adding one if absent). */
export function withIdFirst(doc: Document): Document {
  const keys = Object.keys(doc);
  if (keys[0] === '_id') return doc;
  const id = doc._id === undefined ? new ObjectId() : doc._id;
  const out: Document = { _id: id };
  for (const key of keys) if (key !== '_id') out[key] = doc[key];
  return out;
}
