import type { Document } from 'bson';
import { CommandError } from '../errors';

/**
 * The fields mongod accepts in a command or a write statement, from the `*.idl` definitions in its
 * source, where these commands are `strict`: any other field is refused with 40415, as mongod
 * refuses it, rather than ignored.
 */
interface Fields {
  /** Fields the server reads, and those that change nothing on a standalone server without the feature they serve. */
  known: readonly string[];
  /** Fields mongod knows that the embedded server does not implement: refused by name (115) when set. */
  unsupported?: readonly string[];
}

/** The arguments every command accepts (src/mongo/idl/generic_argument.idl). */
const GENERIC_ARGUMENTS = new Set([
  'apiVersion', 'apiStrict', 'apiDeprecationErrors', '$db', 'maxTimeMS', 'readConcern', 'writeConcern', 'lsid',
  'clientOperationKey', 'txnNumber', 'autocommit', 'startTransaction', 'stmtId', 'comment', '$readPreference',
  '$clusterTime', '$audit', '$client', '$configServerState', 'allowImplicitCollectionCreation', '$oplogQueryData',
  '$queryOptions', '$replData', 'databaseVersion', 'shardVersion', 'tracking_info', 'coordinator', 'maxTimeMSOpOnly',
  '$configTime', '$topologyTime', 'txnRetryCounter', 'mayBypassWriteBlocking', '$tenant', 'expectPrefix',
]);

// Internal fields that only steer query sampling and statistics: they change no result.
const SAMPLING = ['sampleId', 'mirrored', 'includeQueryStatsMetrics'];
// Internal fields of the write commands (collection identity, time series, queryable encryption).
const INTERNAL_WRITE = ['runtimeConstants', 'collectionUUID', 'encryptionInformation', 'isTimeseriesNamespace'];

// The handshake and diagnostics (hello, ping, buildInfo) are not checked: drivers and tools send
// them fields of their own.
const COMMANDS: Record<string, Fields> = {
  find: {
    known: [
      'filter', 'projection', 'sort', 'hint', 'collation', 'skip', 'limit', 'batchSize', 'singleBatch', 'allowDiskUse',
      'noCursorTimeout', 'allowPartialResults', 'let', 'oplogReplay', ...SAMPLING,
    ],
    unsupported: [
      'ntoreturn', 'min', 'max', 'returnKey', 'showRecordId', 'tailable', 'awaitData', 'options', 'term', 'readOnce',
      'allowSpeculativeMajorityRead', '$_requestResumeToken', '$_resumeAfter', '$_startAt', 'runtimeConstants',
      'collectionUUID', 'encryptionInformation',
    ],
  },
  aggregate: {
    known: ['pipeline', 'explain', 'allowDiskUse', 'cursor', 'bypassDocumentValidation', 'collation', 'hint', 'let', ...SAMPLING],
    unsupported: [
      'needsMerge', 'fromMongos', '$_requestReshardingResumeToken', 'exchange', 'runtimeConstants', 'isMapReduceCommand',
      'collectionUUID', '$_passthroughToShard', 'encryptionInformation', '$_externalDataSources',
      '$_isClusterQueryWithoutShardKeyCmd', '$_requestResumeToken', '$_resumeAfter', '$_generateV2ResumeTokens',
    ],
  },
  count: { known: ['query', 'limit', 'skip', 'hint', 'collation', 'fields', ...SAMPLING], unsupported: ['encryptionInformation'] },
  distinct: { known: ['key', 'query', 'collation', 'hint', ...SAMPLING] },
  getMore: { known: ['collection', 'batchSize', 'term', 'lastKnownCommittedOpTime', 'includeQueryStatsMetrics'] },
  killCursors: { known: ['cursors'] },
  insert: { known: ['documents', 'ordered', 'bypassDocumentValidation', 'stmtIds'], unsupported: INTERNAL_WRITE },
  update: { known: ['updates', 'ordered', 'bypassDocumentValidation', 'stmtIds', 'let'], unsupported: INTERNAL_WRITE },
  delete: { known: ['deletes', 'ordered', 'bypassDocumentValidation', 'stmtIds', 'let'], unsupported: INTERNAL_WRITE },
  findAndModify: {
    known: [
      'query', 'fields', 'sort', 'batchSize', 'singleBatch', 'hint', 'collation', 'arrayFilters', 'remove', 'update',
      'upsert', 'new', 'bypassDocumentValidation', 'let', ...SAMPLING,
    ],
    unsupported: ['runtimeConstants', 'encryptionInformation'],
  },
  create: {
    known: ['autoIndexId', 'idIndex', 'size', 'max', 'storageEngine', 'validationLevel', 'validationAction', 'indexOptionDefaults', 'temp', 'flags'],
    unsupported: [
      'capped', 'timeseries', 'validator', 'viewOn', 'pipeline', 'clusteredIndex', 'changeStreamPreAndPostImages',
      'collation', 'encryptedFields', 'expireAfterSeconds', 'recordIdsReplicated',
    ],
  },
  createIndexes: { known: ['indexes', 'v', 'ignoreUnknownIndexOptions', 'returnOnStart'], unsupported: ['commitQuorum', 'collectionUUID', 'isTimeseriesNamespace'] },
  listIndexes: { known: ['cursor', 'includeBuildUUIDs', 'includeIndexBuildInfo'], unsupported: ['isTimeseriesNamespace'] },
  dropIndexes: { known: ['index'], unsupported: ['collectionUUID', 'isTimeseriesNamespace'] },
  listCollections: { known: ['cursor', 'filter', 'nameOnly', 'authorizedCollections', 'includePendingDrops'] },
  listDatabases: { known: ['filter', 'nameOnly', 'authorizedDatabases'] },
  drop: { known: [], unsupported: ['collectionUUID'] },
  dropDatabase: { known: [] },
  endSessions: { known: [] },
};

// mongod names a command by its canonical name in these errors, whichever alias was sent.
const ALIASES: Record<string, string> = { findandmodify: 'findAndModify', deleteIndexes: 'dropIndexes' };

const STATEMENTS = {
  'update.updates': {
    known: ['q', 'u', 'c', 'arrayFilters', 'hint', 'multi', 'upsert', 'collation', 'sort', 'sampleId'],
    unsupported: ['upsertSupplied'],
  },
  'delete.deletes': { known: ['q', 'limit', 'hint', 'collation', 'sampleId'] },
} satisfies Record<string, Fields>;

const isSet = (value: unknown): boolean => value !== undefined && value !== null && value !== false;

function check(document: Document, path: string, fields: Fields, allowed: (field: string) => boolean): void {
  for (const field of Object.keys(document)) {
    if (fields.known.includes(field) || allowed(field)) continue;
    if (!fields.unsupported?.includes(field)) throw new CommandError('Location40415', `BSON field '${path}.${field}' is an unknown field.`);
    if (isSet(document[field])) throw new CommandError('CommandNotSupported', `${path}: option '${field}' is not supported by the embedded server`);
  }
}

/** Refuses a field the command does not have (the command name itself and generic arguments aside). */
export function checkCommandFields(name: string, command: Document): void {
  const canonical = ALIASES[name] ?? name;
  const fields = COMMANDS[canonical];
  if (!fields) return;
  check(command, canonical, fields, (field) => field === name || GENERIC_ARGUMENTS.has(field));
}

/** Refuses a field an update or delete statement does not have. */
export function checkStatementFields(path: keyof typeof STATEMENTS, statement: Document): void {
  check(statement, path, STATEMENTS[path], () => false);
}
