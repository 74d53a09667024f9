import { BSON, Decimal128, Long, type Document } from 'bson';
import { Aggregator } from 'mingo';
import { CommandError } from '../errors';
import type { BatchWriter } from '../wire/protocol';
import type { Collection } from './collection';
import type { Engine } from './engine';
import { encodeValue } from './keys';
import {
  compileFilter,
  expressionFields,
  FieldSelection,
  filterFields,
  MatchStream,
  parseSortOption,
  yieldToEventLoop,
} from './query';
import { compareBySort, compareValues, isPlainObject, valuesAtPath, type SortSpec } from './values';

/**
 * Aggregation, streamed. The leading `$match` (with a `$sort`/`$skip`/`$limit` right after) runs
 * through the planner and indexes; the documents it yields are decoded only as far as the rest
 * of the pipeline reads them (the top-level fields its stages name). Stages that transform one
 * document at a time then run chunk by chunk, yielding to the event loop between chunks, and
 * their output streams to the cursor. The first stage that needs all its input (a blocking stage)
 * gets it within a memory limit: `$group` with the common accumulators keeps only its groups,
 * merged chunk by chunk; any other blocking stage holds its input. What follows it runs in mingo
 * over that stage's (usually small) output.
 */

// Stages that transform each document on its own, so applying them chunk by chunk is the same
// as applying them to all; $match, $skip and $limit among them are applied here.
const PER_DOCUMENT = new Set(['$match', '$skip', '$limit', '$project', '$addFields', '$set', '$unset', '$replaceRoot', '$replaceWith', '$unwind']);
// Accumulators merged chunk by chunk ($avg through a sum and a count).
const MERGEABLE = new Set(['$sum', '$avg', '$min', '$max', '$first', '$last', '$push', '$addToSet', '$count']);
const CHUNK = 4096;

// Operators that compute with numbers: mingo only knows JS numbers and would silently treat a
// Decimal128 or Long as non-numeric (e.g. $sum gives 0), so such input is refused instead.
const ARITHMETIC = new Set([
  '$sum', '$avg', '$add', '$subtract', '$multiply', '$divide', '$mod', '$abs', '$ceil', '$floor', '$round',
  '$trunc', '$pow', '$sqrt', '$exp', '$ln', '$log', '$log10', '$stdDevPop', '$stdDevSamp', '$toDouble',
  '$toInt', '$toLong', '$toDecimal', '$bucket', '$bucketAuto', '$min', '$max', '$gt', '$gte', '$lt', '$lte', '$cmp',
]);

/** What `aggregate` returns: a source of result documents for the cursor. */
export interface AggregationResults {
  pull(batch: BatchWriter): Promise<boolean>;
}

/** `variables` are the command's `let` variables. */
export function aggregateCollection(
  engine: Engine,
  db: string,
  collection: Collection | undefined,
  pipeline: Document[],
  names: string[],
  variables?: Document,
): AggregationResults {
  // Leading $match (and a $sort/$skip/$limit right after) run through the planner and indexes.
  let i = 0;
  const matches: Document[] = [];
  while (names[i] === '$match') matches.push((pipeline[i] as Document).$match as Document), i++;
  let sort: SortSpec = [];
  let skip = 0;
  let limit = 0;
  if (names[i] === '$sort') {
    sort = parseSortOption((pipeline[i] as Document).$sort);
    i++;
    if (names[i] === '$skip') skip = Number((pipeline[i] as Document).$skip), i++;
    if (names[i] === '$limit') limit = Number((pipeline[i] as Document).$limit), i++;
  } else if (names[i] === '$limit') {
    limit = Number((pipeline[i] as Document).$limit);
    i++;
  }
  const filter = matches.length === 0 ? {} : matches.length === 1 ? (matches[0] as Document) : { $and: matches };
  const rest = pipeline.slice(i);
  const input = collection ? new MatchStream(collection, filter, { sort, skip, limit, variables }, engine.queryMemoryLimitBytes) : undefined;
  return new Pipeline(engine, db, input, rest, variables);
}

class Pipeline implements AggregationResults {
  private readonly fields: FieldSelection;
  private readonly wide: WideNumberCheck;
  /** The per-document stages before the first blocking one, and that one and what follows. */
  private readonly streamed: Document[];
  private readonly blocking: Document[];
  /** Documents each $skip/$limit of the per-document stages has let through so far, by stage. */
  private readonly counted = new Map<number, number>();
  private readDone = false;
  private pending: Document[] = [];
  private position = 0;
  private results: Document[] | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly db: string,
    private readonly input: MatchStream | undefined,
    stages: Document[],
    private readonly variables: Document | undefined,
  ) {
    this.fields = inputFields(stages);
    this.wide = new WideNumberCheck(stages);
    const firstBlocking = stages.findIndex((stage) => !PER_DOCUMENT.has(Object.keys(stage)[0] as string));
    this.streamed = firstBlocking < 0 ? stages : stages.slice(0, firstBlocking);
    this.blocking = firstBlocking < 0 ? [] : stages.slice(firstBlocking);
    if (!input) this.readDone = true;
  }

  async pull(batch: BatchWriter): Promise<boolean> {
    if (this.blocking.length > 0) {
      this.results ??= await this.runBlocking();
      while (this.position < this.results.length) {
        if (!batch.add(BSON.serialize(this.results[this.position++] as Document, { ignoreUndefined: true }))) break;
      }
      return this.position >= this.results.length;
    }
    for (;;) {
      while (this.position < this.pending.length) {
        if (!batch.add(BSON.serialize(this.pending[this.position++] as Document, { ignoreUndefined: true }))) {
          // A full batch that took the last of a chunk reads the next, to tell whether any remain.
          if (this.position >= this.pending.length && !this.readDone) {
            this.pending = await this.nextChunk();
            this.position = 0;
          }
          return this.readDone && this.position >= this.pending.length;
        }
      }
      if (this.readDone) return true;
      this.pending = await this.nextChunk();
      this.position = 0;
      await yieldToEventLoop();
    }
  }

  /** The next chunk of documents through the per-document stages (empty only at the end). */
  private async nextChunk(): Promise<Document[]> {
    while (!this.readDone) {
      const docs: Document[] = [];
      const exhausted = await (this.input as MatchStream).pull((bytes, at) => {
        docs.push(this.wide.check(this.fields.readBytes(bytes, at)));
        return docs.length < CHUNK;
      });
      if (exhausted) this.readDone = true;
      const out = this.applyStreamed(docs);
      if (out.length > 0) return out;
    }
    return [];
  }

  /** Applies the per-document stages to a chunk; each $skip and $limit counts across chunks. */
  private applyStreamed(docs: Document[]): Document[] {
    let current = docs;
    let segment: Document[] = [];
    const flush = (): void => {
      if (segment.length === 0) return;
      current = new Aggregator(segment, this.mingoOptions()).run(current) as Document[];
      segment = [];
    };
    this.streamed.forEach((stage, i) => {
      if (stage.$match !== undefined) {
        flush();
        if (!isPlainObject(stage.$match)) throw new CommandError('TypeMismatch', 'the $match stage takes a document');
        const test = compileFilter(stage.$match, this.variables);
        current = current.filter((doc) => test({ doc }));
      } else if (stage.$skip !== undefined || stage.$limit !== undefined) {
        flush();
        current = this.skipOrLimit(stage, i, current);
      } else {
        segment.push(stage);
      }
    });
    flush();
    return current;
  }

  private skipOrLimit(stage: Document, i: number, docs: Document[]): Document[] {
    const seen = this.counted.get(i) ?? 0;
    this.counted.set(i, seen + docs.length);
    if (stage.$skip !== undefined) return docs.slice(Math.max(0, Number(stage.$skip) - seen));
    const limit = Number(stage.$limit);
    // Once a $limit is reached nothing more gets past it: reading on would be pointless.
    if (seen + docs.length >= limit) this.readDone = true;
    return docs.slice(0, Math.max(0, limit - seen));
  }

  /** Runs the per-document stages over all input, then the blocking stage and what follows. */
  private async runBlocking(): Promise<Document[]> {
    const [first, ...after] = this.blocking as [Document, ...Document[]];
    const group = first.$group;
    if (isPlainObject(group) && MergedGroup.handles(group)) {
      const merged = new MergedGroup(group, this.engine.queryMemoryLimitBytes, this.mingoOptions());
      for (let chunk = await this.nextChunk(); chunk.length > 0; chunk = await this.nextChunk()) {
        merged.add(chunk);
        await yieldToEventLoop();
      }
      return runStages(after, merged.result(), this.mingoOptions());
    }
    const held = new HeldInput(Object.keys(first)[0] as string, this.engine.queryMemoryLimitBytes);
    for (let chunk = await this.nextChunk(); chunk.length > 0; chunk = await this.nextChunk()) {
      held.add(chunk);
      await yieldToEventLoop();
    }
    return runStages(this.blocking, held.docs, this.mingoOptions());
  }

  private mingoOptions(): ConstructorParameters<typeof Aggregator>[1] {
    return {
      variables: this.variables,
      collectionResolver: (name: string) => {
        const other = this.engine.collection(this.db, name);
        return other ? other.allDocuments() : [];
      },
    };
  }
}

/**
 * The top-level fields the rest of a pipeline reads from its input documents, or all of them:
 * stages that pass documents on add what they name and continue; the first stage that builds new
 * documents ($project with inclusions or expressions, $group, ...) ends the list. Anything not
 * understood reads everything.
 */
function inputFields(stages: Document[]): FieldSelection {
  const fields = new Set<string>();
  const top = (path: unknown): void => {
    if (typeof path === 'string') fields.add(path.replace(/^\$/, '').split('.')[0] as string);
  };
  for (const stage of stages) {
    const name = Object.keys(stage)[0] as string;
    const spec = stage[name] as unknown;
    switch (name) {
      case '$match':
        if (!isPlainObject(spec) || !filterFields(spec, fields)) return FieldSelection.all();
        continue;
      case '$sort':
        if (!isPlainObject(spec)) return FieldSelection.all();
        Object.keys(spec).forEach(top);
        continue;
      case '$skip':
      case '$limit':
        continue;
      case '$unset':
        continue;
      case '$unwind':
        top(isPlainObject(spec) ? spec.path : spec);
        continue;
      case '$addFields':
      case '$set':
        if (!expressionFields(spec, fields)) return FieldSelection.all();
        continue;
      case '$project': {
        if (!isPlainObject(spec)) return FieldSelection.all();
        const flags = Object.entries(spec).filter(([key]) => key !== '_id');
        const idExcluded = spec._id === 0 || spec._id === false;
        // An exclusion passes every other field on: the stages after it say what they read.
        if (flags.every(([, v]) => v === 0 || v === false) && (flags.length > 0 || idExcluded)) continue;
        if (!idExcluded) fields.add('_id');
        for (const [key, value] of Object.entries(spec)) {
          // The key too: `{a: {b: 1}}` includes a.b.
          top(key);
          if (!expressionFields(value, fields)) return FieldSelection.all();
        }
        return FieldSelection.of(fields);
      }
      case '$group':
      case '$bucket':
      case '$sortByCount':
      case '$replaceRoot':
      case '$replaceWith':
        return expressionFields(spec, fields) ? FieldSelection.of(fields) : FieldSelection.all();
      case '$count':
        return FieldSelection.of(fields);
      default:
        return FieldSelection.all();
    }
  }
  return FieldSelection.all();
}

/**
 * `$group` over any number of documents in bounded memory: mingo groups each chunk, and the
 * chunks' groups are merged into the running ones, which are all that is kept. Their size is
 * estimated as they grow and held to the query memory limit ($push and $addToSet grow with their
 * input; the others stay one value per group).
 */
class MergedGroup {
  private readonly groups = new Map<string, Document>();
  private readonly fields: Array<{ name: string; op: string }>;
  private readonly chunkSpec: Document;
  private bytes = 0;

  static handles(spec: Document): boolean {
    return Object.entries(spec).every(([name, value]) => {
      if (name === '_id') return true;
      if (!isPlainObject(value)) return false;
      const ops = Object.keys(value);
      return ops.length === 1 && MERGEABLE.has(ops[0] as string);
    });
  }

  constructor(
    spec: Document,
    private readonly memoryLimitBytes: number,
    private readonly options: ConstructorParameters<typeof Aggregator>[1],
  ) {
    this.chunkSpec = { _id: spec._id };
    this.fields = [];
    for (const [name, value] of Object.entries(spec)) {
      if (name === '_id') continue;
      const [op, expression] = Object.entries(value as Document)[0] as [string, unknown];
      this.fields.push({ name, op });
      if (op === '$avg') {
        this.chunkSpec[sumOf(name)] = { $sum: expression };
        this.chunkSpec[countOf(name)] = { $sum: { $cond: [{ $isNumber: expression }, 1, 0] } };
      } else {
        this.chunkSpec[name] = { [op]: expression };
      }
    }
  }

  add(docs: Document[]): void {
    const partial = new Aggregator([{ $group: this.chunkSpec }], this.options).run(docs) as Document[];
    for (const group of partial) {
      const key = encodeValue(group._id);
      const current = this.groups.get(key);
      if (!current) {
        this.groups.set(key, group);
        this.bytes += approximateBytes(group) + 64;
      } else {
        for (const { name, op } of this.fields) this.merge(current, group, name, op);
      }
    }
    if (this.bytes > this.memoryLimitBytes) {
      throw new CommandError(
        'QueryExceededMemoryLimitNoDiskUseAllowed',
        `Exceeded memory limit for $group (${this.memoryLimitBytes} bytes): the embedded server keeps groups in memory and cannot spill to disk; group by fewer distinct values, or $push/$addToSet less`,
      );
    }
  }

  private merge(current: Document, group: Document, name: string, op: string): void {
    switch (op) {
      case '$sum':
      case '$count':
        current[name] = (current[name] as number) + (group[name] as number);
        return;
      case '$avg':
        current[sumOf(name)] = (current[sumOf(name)] as number) + (group[sumOf(name)] as number);
        current[countOf(name)] = (current[countOf(name)] as number) + (group[countOf(name)] as number);
        return;
      case '$min':
      case '$max': {
        const next = group[name] as unknown;
        if (next === null || next === undefined) return;
        const held = current[name] as unknown;
        const better = op === '$min' ? compareValues(next, held) < 0 : compareValues(next, held) > 0;
        if (held === null || held === undefined || better) current[name] = next;
        return;
      }
      case '$first':
        return;
      case '$last':
        current[name] = group[name];
        return;
      case '$push':
        (current[name] as unknown[]).push(...(group[name] as unknown[]));
        this.bytes += approximateBytes(group[name]);
        return;
      case '$addToSet': {
        const values = current[name] as unknown[];
        const present = new Set(values.map(encodeValue));
        for (const value of group[name] as unknown[]) {
          const key = encodeValue(value);
          if (present.has(key)) continue;
          present.add(key);
          values.push(value);
          this.bytes += approximateBytes(value);
        }
        return;
      }
    }
  }

  /** The groups in the order their first documents came, each with its fields in spec order. */
  result(): Document[] {
    return [...this.groups.values()].map((group) => {
      const out: Document = {};
      if (group._id !== undefined) out._id = group._id;
      for (const { name, op } of this.fields) {
        if (op !== '$avg') {
          out[name] = group[name];
          continue;
        }
        const count = group[countOf(name)] as number;
        out[name] = count === 0 ? null : (group[sumOf(name)] as number) / count;
      }
      return out;
    });
  }
}

// Names of an $avg's running sum and count in the chunks' groups; a field name holds no NUL.
const sumOf = (name: string): string => `${name}\u0000sum`;
const countOf = (name: string): string => `${name}\u0000count`;

/** The input of a blocking stage other than a mergeable `$group`, held within the memory limit. */
class HeldInput {
  readonly docs: Document[] = [];
  private bytes = 0;

  constructor(
    private readonly stage: string,
    private readonly memoryLimitBytes: number,
  ) {}

  add(docs: Document[]): void {
    for (const doc of docs) {
      this.docs.push(doc);
      this.bytes += BSON.calculateObjectSize(doc);
    }
    if (this.bytes > this.memoryLimitBytes) {
      throw new CommandError(
        'QueryExceededMemoryLimitNoDiskUseAllowed',
        `Exceeded memory limit for ${this.stage} (${this.memoryLimitBytes} bytes of input): the embedded server holds the input of this stage in memory and cannot spill to disk; add a $match or $project before it`,
      );
    }
  }
}

/** A size estimate of a value in memory, for the memory limit (not exact, and need not be). */
function approximateBytes(value: unknown): number {
  if (typeof value === 'string') return 16 + value.length * 2;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + approximateBytes(v), 16);
  if (isPlainObject(value)) {
    let sum = 32;
    for (const key in value) sum += 16 + key.length * 2 + approximateBytes(value[key]);
    return sum;
  }
  return 16;
}

/**
 * Runs stages with mingo, except `$sort` and `$match`, which use the server's own BSON order and
 * matching (mingo orders 64-bit and decimal values by their text).
 */
export function runStages(stages: Document[], docs: Document[], options: ConstructorParameters<typeof Aggregator>[1]): Document[] {
  let segment: Document[] = [];
  let current = docs;
  const flush = (): void => {
    if (segment.length === 0) return;
    current = new Aggregator(segment, options).run(current) as Document[];
    segment = [];
  };
  for (const stage of stages) {
    if (stage.$sort !== undefined) {
      flush();
      const byDoc = compareBySort(parseSortOption(stage.$sort));
      current = [...current].sort(byDoc);
    } else if (stage.$match !== undefined) {
      flush();
      if (!isPlainObject(stage.$match)) throw new CommandError('TypeMismatch', 'the $match stage takes a document');
      const matches = compileFilter(stage.$match, options?.variables);
      current = current.filter((doc) => matches({ doc }));
    } else {
      segment.push(stage);
    }
  }
  flush();
  return current;
}

/**
 * Refuses input documents holding a Decimal128 or 64-bit integer in a field the pipeline's
 * arithmetic reads (`$sum: "$amount"` reads `amount`; `$sum: 1` reads nothing), rather than let
 * mingo compute a wrong answer with them.
 */
class WideNumberCheck {
  private readonly paths = new Set<string>();
  private root = false;

  constructor(stages: Document[]) {
    this.collect(stages, false);
  }

  check(doc: Document): Document {
    if (this.paths.size === 0 && !this.root) return doc;
    const wide = this.root ? containsWideNumber(doc) : [...this.paths].some((path) => valuesAtPath(doc, path).values.some(containsWideNumber));
    if (wide) {
      throw new CommandError(
        'CommandNotSupported',
        `aggregate: arithmetic over Decimal128 or 64-bit integer values is not supported by the embedded server (document _id ${String(doc._id)} holds one in a field the pipeline computes with)`,
      );
    }
    return doc;
  }

  private collect(value: unknown, inArithmetic: boolean): void {
    if (typeof value === 'string') {
      if (!inArithmetic || !value.startsWith('$')) return;
      if (value === '$$ROOT' || value === '$$CURRENT') this.root = true;
      else if (!value.startsWith('$$')) this.paths.add(value.slice(1));
      return;
    }
    if (Array.isArray(value)) {
      for (const v of value) this.collect(v, inArithmetic);
      return;
    }
    if (!isPlainObject(value)) return;
    for (const [k, v] of Object.entries(value)) this.collect(v, inArithmetic || ARITHMETIC.has(k));
  }
}

function containsWideNumber(value: unknown): boolean {
  if (value instanceof Decimal128 || value instanceof Long) return true;
  if (Array.isArray(value)) return value.some(containsWideNumber);
  if (isPlainObject(value)) {
    for (const key in value) if (containsWideNumber(value[key])) return true;
  }
  return false;
}
