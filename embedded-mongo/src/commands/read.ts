import { Long, type Document } from 'bson';
import { CommandError } from '../errors';
import { aggregateCollection } from '../engine/aggregation';
import { FindResults } from '../engine/find';
import { countMatches, distinctValues, parseSortOption } from '../engine/query';
import { compareValues, isPlainObject } from '../engine/values';
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
  const results = new FindResults(engine.collection(db, name), filter, { sort, skip, limit, variables }, command.projection, engine.queryMemoryLimitBytes);
  return { cursor: await cursors.open(ns, results, batchSize, singleBatch || (limit > 0 && batchSize !== undefined && batchSize >= limit)), ok: 1 };
};

export const getMore: CommandHandler = async (command, { cursors, db }) => {
  const id = cursorIdOf(command.getMore);
  const collection = collectionName(command, 'collection');
  const batchSize = nonNegativeInteger(command, 'batchSize');
  return { cursor: await cursors.getMore(id, collection, db, batchSize), ok: 1 };
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
  return { n: await countMatches(collection, query, { skip, limit }, engine.queryMemoryLimitBytes), ok: 1 };
};

export const distinct: CommandHandler = async (command, { engine, db }) => {
  const name = collectionName(command, 'distinct');
  rejectCollation(command);
  const key = command.key as unknown;
  if (typeof key !== 'string' || key.length === 0) throw new CommandError('TypeMismatch', "distinct: the 'key' field must be a non-empty string");
  const collection = engine.collection(db, name);
  if (!collection) return { values: [], ok: 1 };
  const values = await distinctValues(collection, key, optionalDocument(command, 'query') ?? {}, engine.queryMemoryLimitBytes);
  return { values: values.sort(compareValues), ok: 1 };
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
  const results = aggregateCollection(engine, db, engine.collection(db, target), pipeline, names, variables);
  return { cursor: await cursors.open(ns, results, batchSize), ok: 1 };
};
