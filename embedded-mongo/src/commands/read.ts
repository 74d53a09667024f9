import { Decimal128, Long, type Document } from 'bson';
import { Aggregator } from 'mingo';
import { CommandError } from '../errors';
import { encodeValue } from '../engine/keys';
import { compileFilter, findRecords, parseSortOption, projector, yieldToEventLoop, YIELD_EVERY } from '../engine/query';
import { viewOf } from '../engine/indexes';
import { cloneDocument, compareBySort, compareValues, isPlainObject, valuesAtPath, type SortSpec } from '../engine/values';
import {
  collectionName,
  cursorIdOf,
  nonNegativeInteger,
  optionalDocument,
  optionalNumber,
  rejectCollation,
  type CommandHandler,
} from './context';
import { letVariables } from './variables';

export const find: CommandHandler = async (command, { engine, cursors, db }) => {
  const name = collectionName(command, 'find');
  rejectCollation(command);
  const ns = `${db}.${name}`;
  const filter = optionalDocument(command, 'filter') ?? {};
  const sort = parseSortOption(command.sort);
  const skip = nonNegativeInteger(command, 'skip') ?? 0;
  let limit = optionalNumber(command, 'limit') ?? 0;
  let singleBatch = command.singleBatch === true;
  if (limit < 0) {
    // Legacy negative limit: return that many in one batch and close the cursor.
    limit = -limit;
    singleBatch = true;
  }
  const batchSize = nonNegativeInteger(command, 'batchSize');
  const variables = letVariables(command);
  const project = projector(command.projection, variables);
  const collection = engine.collection(db, name);
  if (!collection) return { cursor: { id: Long.ZERO, ns, firstBatch: [] }, ok: 1 };
  const records = await findRecords(collection, filter, { sort, skip, limit, variables });
  let docs = records.map((r) => r.doc);
  if (project) docs = project(docs);
  return { cursor: cursors.open(ns, docs, batchSize, singleBatch || (limit > 0 && batchSize !== undefined && batchSize >= limit)), ok: 1 };
};

export const getMore: CommandHandler = (command, { cursors, db }) => {
  const id = cursorIdOf(command.getMore);
  const collection = collectionName(command, 'collection');
  const batchSize = nonNegativeInteger(command, 'batchSize');
  return { cursor: cursors.getMore(id, collection, db, batchSize), ok: 1 };
};

export const killCursors: CommandHandler = (command, { cursors }) => {
  collectionName(command, 'killCursors');
  const ids = Array.isArray(command.cursors) ? command.cursors.map(cursorIdOf) : [];
  const { killed, notFound } = cursors.kill(ids);
  return {
    cursorsKilled: killed.map((id) => Long.fromBigInt(id)),
    cursorsNotFound: notFound.map((id) => Long.fromBigInt(id)),
    cursorsAlive: [],
    cursorsUnknown: [],
    ok: 1,
  };
};

export const count: CommandHandler = async (command, { engine, db }) => {
  const name = collectionName(command, 'count');
  rejectCollation(command);
  const collection = engine.collection(db, name);
  if (!collection) return { n: 0, ok: 1 };
  const query = optionalDocument(command, 'query') ?? {};
  const skip = nonNegativeInteger(command, 'skip') ?? 0;
  const limit = Math.abs(optionalNumber(command, 'limit') ?? 0);
  if (Object.keys(query).length === 0) {
    const total = Math.max(0, collection.size - skip);
    return { n: limit > 0 ? Math.min(limit, total) : total, ok: 1 };
  }
  const records = await findRecords(collection, query, { skip, limit });
  return { n: records.length, ok: 1 };
};

export const distinct: CommandHandler = async (command, { engine, db }) => {
  const name = collectionName(command, 'distinct');
  rejectCollation(command);
  const key = command.key as unknown;
  if (typeof key !== 'string' || key.length === 0) throw new CommandError('TypeMismatch', "distinct: the 'key' field must be a non-empty string");
  const collection = engine.collection(db, name);
  if (!collection) return { values: [], ok: 1 };
  const records = await findRecords(collection, optionalDocument(command, 'query') ?? {});
  const seen = new Map<string, unknown>();
  for (const record of records) {
    for (const value of valuesAtPath(record.doc, key).values) {
      if (value === undefined) continue;
      const encoded = encodeValue(value);
      if (!seen.has(encoded)) seen.set(encoded, value);
    }
  }
  return { values: [...seen.values()].sort(compareValues), ok: 1 };
};

const UNSUPPORTED_STAGES: Record<string, string> = {
  $out: '$out is not supported by the embedded server; insert the results with insertMany instead',
  $merge: '$merge is not supported by the embedded server; write the results with bulkWrite instead',
  $geoNear: '$geoNear is not supported by the embedded server (no geospatial indexes)',
  $search: '$search is an Atlas Search stage and is not supported by the embedded server',
  $searchMeta: '$searchMeta is an Atlas Search stage and is not supported by the embedded server',
  $vectorSearch: '$vectorSearch is an Atlas stage and is not supported by the embedded server',
  $changeStream: 'change streams are not supported by the embedded server',
  $collStats: '$collStats is not supported by the embedded server',
  $indexStats: '$indexStats is not supported by the embedded server',
  $currentOp: '$currentOp is not supported by the embedded server',
  $listSessions: '$listSessions is not supported by the embedded server',
  $listLocalSessions: '$listLocalSessions is not supported by the embedded server',
  $planCacheStats: '$planCacheStats is not supported by the embedded server',
};

// Stages that may write into the documents they receive; those get copies of the stored ones.
// ($group, $bucket, $count and $sortByCount only read their input; $sort/$match/$limit/$skip pass it on.)
const MAY_MUTATE_INPUT = new Set(['$addFields', '$set', '$unset', '$project', '$replaceRoot', '$replaceWith', '$unwind', '$lookup', '$graphLookup', '$setWindowFields', '$fill', '$densify', '$redact', '$facet']);

// Operators that compute with numbers: mingo only knows JS numbers and would silently treat a
// Decimal128 or Long as non-numeric (e.g. $sum gives 0), so such input is refused instead.
const ARITHMETIC = new Set([
  '$sum', '$avg', '$add', '$subtract', '$multiply', '$divide', '$mod', '$abs', '$ceil', '$floor', '$round',
  '$trunc', '$pow', '$sqrt', '$exp', '$ln', '$log', '$log10', '$stdDevPop', '$stdDevSamp', '$toDouble',
  '$toInt', '$toLong', '$toDecimal', '$bucket', '$bucketAuto', '$min', '$max', '$gt', '$gte', '$lt', '$lte', '$cmp',
]);

/**
 * The document fields that arithmetic operators of the pipeline read (`$sum: "$amount"` reads
 * `amount`; `$sum: 1` reads nothing). `root` is set when they read whole documents (`$$ROOT`).
 */
function arithmeticInputs(value: unknown, inArithmetic: boolean, out: { paths: Set<string>; root: boolean }): void {
  if (typeof value === 'string') {
    if (!inArithmetic || !value.startsWith('$')) return;
    if (value === '$$ROOT' || value === '$$CURRENT') out.root = true;
    else if (!value.startsWith('$$')) out.paths.add(value.slice(1));
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) arithmeticInputs(v, inArithmetic, out);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [k, v] of Object.entries(value)) arithmeticInputs(v, inArithmetic || ARITHMETIC.has(k), out);
}

function containsWideNumber(value: unknown): boolean {
  if (value instanceof Decimal128 || value instanceof Long) return true;
  if (Array.isArray(value)) return value.some(containsWideNumber);
  if (isPlainObject(value)) {
    for (const key in value) if (containsWideNumber(value[key])) return true;
  }
  return false;
}

/**
 * Runs the rest of a pipeline with mingo, except `$sort` and `$match` stages, which use the
 * server's own BSON order and matching (mingo orders 64-bit and decimal values by their text).
 */
function runStages(stages: Document[], docs: Document[], options: ConstructorParameters<typeof Aggregator>[1]): Document[] {
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
      current = current.filter((doc) => matches({ rid: 0, doc }));
    } else {
      segment.push(stage);
    }
  }
  flush();
  return current;
}

function stageName(stage: unknown, i: number): string {
  if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
    throw new CommandError('Location40324', `A pipeline stage specification object must contain exactly one field (stage ${i})`);
  }
  return Object.keys(stage)[0] as string;
}

export const aggregate: CommandHandler = async (command, { engine, cursors, db }) => {
  rejectCollation(command);
  if (command.explain) throw new CommandError('CommandNotSupported', 'explain is not supported by the embedded server');
  const target = command.aggregate as unknown;
  if (typeof target !== 'string') {
    throw new CommandError('CommandNotSupported', 'collection-less aggregation ({aggregate: 1}) is not supported by the embedded server');
  }
  if (!Array.isArray(command.pipeline)) throw new CommandError('TypeMismatch', "aggregate: the 'pipeline' field must be an array");
  if (!isPlainObject(command.cursor)) {
    throw new CommandError('FailedToParse', "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  const pipeline = command.pipeline as Document[];
  const names = pipeline.map(stageName);
  for (const name of names) {
    const reason = UNSUPPORTED_STAGES[name];
    if (reason) throw new CommandError('CommandNotSupported', reason);
  }
  const ns = `${db}.${target}`;
  const batchSize = nonNegativeInteger(command.cursor as Document, 'batchSize');
  const variables = letVariables(command);
  const collection = engine.collection(db, target);

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
  const records = collection ? await findRecords(collection, filter, { sort, skip, limit, variables }) : [];
  const rest = pipeline.slice(i);
  let docs = records.map((r) => r.doc);
  const inputs = { paths: new Set<string>(), root: false };
  arithmeticInputs(rest, false, inputs);
  if (inputs.root || inputs.paths.size > 0) {
    // A record's cached view differs from its document only when it holds special BSON types.
    const holdsWide = (doc: Document): boolean =>
      inputs.root ? containsWideNumber(doc) : [...inputs.paths].some((path) => valuesAtPath(doc, path).values.some(containsWideNumber));
    const wide = records.find((r) => viewOf(r) !== r.doc && holdsWide(r.doc));
    if (wide) {
      throw new CommandError(
        'CommandNotSupported',
        `aggregate: arithmetic over Decimal128 or 64-bit integer values is not supported by the embedded server (document _id ${String(wide.doc._id)} holds one in a field the pipeline computes with)`,
      );
    }
  }
  if (rest.length > 0) {
    if (names.slice(i).some((n) => MAY_MUTATE_INPUT.has(n))) {
      const copies: Document[] = [];
      for (let n = 0; n < docs.length; n++) {
        copies.push(cloneDocument(docs[n] as Document));
        if (n % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
      }
      docs = copies;
    }
    docs = runStages(rest, docs, {
      variables,
      collectionResolver: (name: string) => {
        const other = engine.collection(db, name);
        return other ? [...other.records.values()].map((r) => cloneDocument(r.doc)) : [];
      },
    });
  }
  return { cursor: cursors.open(ns, docs, batchSize), ok: 1 };
};
