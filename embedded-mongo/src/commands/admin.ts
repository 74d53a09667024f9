import { Long, type Document } from 'bson';
import { Query } from 'mingo';
import { ArraySource } from '../cursors';
import { CommandError } from '../errors';
import { indexSpecFromCommand } from '../engine/collection';
import { isPlainObject } from '../engine/values';
import { collectionName, optionalDocument, type CommandContext, type CommandHandler } from './context';

// What an 8.0 standalone mongod reports (8.0 because update statements honour `sort`, which a
// 7.0 refuses); the driver needs wire version ≥ 8 and sessions support.
export const MAX_WIRE_VERSION = 25;
export const SERVER_VERSION = '8.0.0';

export const hello: CommandHandler = (command, { connectionId }) => {
  if (command.speculativeAuthenticate !== undefined) {
    // No authentication: answering without `speculativeAuthenticate` tells the driver to skip it.
  }
  const legacy = command.hello === undefined;
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    helloOk: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
};

export const ping: CommandHandler = () => ({ ok: 1 });

export const buildInfo: CommandHandler = () => ({
  version: SERVER_VERSION,
  gitVersion: 'omnidex-embedded',
  versionArray: [8, 0, 0, 0],
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['omnidex-embedded'],
  modules: [],
  ok: 1,
});

export const endSessions: CommandHandler = () => ({ ok: 1 });

/** Runs a command's catalog changes in one transaction and replies once they are durable. */
function commitAfter(context: CommandContext, body: () => Document): Promise<Document> {
  return context.engine.write(body);
}

export const create: CommandHandler = (command, context) => {
  const name = collectionName(command, 'create');
  return commitAfter(context, () => {
    if (context.engine.collection(context.db, name)) {
      throw new CommandError('NamespaceExists', `Collection ${context.db}.${name} already exists.`);
    }
    context.engine.ensureCollection(context.db, name);
    return { ok: 1 };
  });
};

export const createIndexes: CommandHandler = (command, context) => {
  const name = collectionName(command, 'createIndexes');
  if (!Array.isArray(command.indexes) || command.indexes.length === 0) {
    throw new CommandError('BadValue', "createIndexes: 'indexes' must be a non-empty array");
  }
  const specs = (command.indexes as unknown[]).map(indexSpecFromCommand);
  const { engine, db } = context;
  return commitAfter(context, () => {
    const existed = engine.collection(db, name) !== undefined;
    const collection = engine.ensureCollection(db, name);
    const before = collection.indexes.size;
    for (const spec of specs) collection.createIndex(spec);
    const reply: Document = {
      numIndexesBefore: before,
      numIndexesAfter: collection.indexes.size,
      createdCollectionAutomatically: !existed,
    };
    if (before === collection.indexes.size) reply.note = 'all indexes already exist';
    reply.ok = 1;
    return reply;
  });
};

export const listIndexes: CommandHandler = async (command, { engine, cursors, db }) => {
  const name = collectionName(command, 'listIndexes');
  const collection = engine.collection(db, name);
  if (!collection) throw new CommandError('NamespaceNotFound', `ns does not exist: ${db}.${name}`);
  const docs = [...collection.indexes.values()].map((index) => index.describe());
  const batchSize = isPlainObject(command.cursor) ? Number(command.cursor.batchSize ?? 0) || undefined : undefined;
  return { cursor: await cursors.open(`${db}.${name}`, new ArraySource(docs), batchSize), ok: 1 };
};

export const dropIndexes: CommandHandler = (command, context) => {
  const name = collectionName(command, 'dropIndexes');
  const { engine, db } = context;
  return commitAfter(context, () => {
    const collection = engine.collection(db, name);
    if (!collection) throw new CommandError('NamespaceNotFound', `ns not found ${db}.${name}`);
    const nIndexesWas = collection.indexes.size;
    const target = command.index as unknown;
    let names: string[];
    if (target === '*') {
      names = [...collection.indexes.keys()].filter((n) => n !== '_id_');
    } else if (typeof target === 'string') {
      names = [target];
    } else if (Array.isArray(target)) {
      names = target.map(String);
    } else if (isPlainObject(target)) {
      const wanted = JSON.stringify(target);
      const found = [...collection.indexes.values()].find((i) => JSON.stringify(i.spec.key) === wanted);
      if (!found) throw new CommandError('IndexNotFound', `can't find index with key: ${wanted}`);
      names = [found.name];
    } else {
      throw new CommandError('TypeMismatch', "dropIndexes: 'index' must be a name, a key pattern, an array of names or '*'");
    }
    for (const indexName of names) {
      if (!collection.indexes.has(indexName)) throw new CommandError('IndexNotFound', `index not found with name [${indexName}]`);
    }
    for (const indexName of names) collection.dropIndex(indexName);
    return { nIndexesWas, ok: 1 };
  });
};

export const listCollections: CommandHandler = async (command, { engine, cursors, db }) => {
  const filter = optionalDocument(command, 'filter');
  const nameOnly = command.nameOnly === true;
  const collections = engine.databases.get(db) ?? new Map();
  let docs: Document[] = [...collections.values()].map((c) =>
    nameOnly
      ? { name: c.name, type: 'collection' }
      : {
          name: c.name,
          type: 'collection',
          options: c.options,
          info: { readOnly: false },
          idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
        },
  );
  if (filter && Object.keys(filter).length > 0) {
    const query = new Query(filter);
    docs = docs.filter((d) => query.test(d));
  }
  const batchSize = isPlainObject(command.cursor) ? Number(command.cursor.batchSize ?? 0) || undefined : undefined;
  return { cursor: await cursors.open(`${db}.$cmd.listCollections`, new ArraySource(docs), batchSize), ok: 1 };
};

export const listDatabases: CommandHandler = (command, { engine }) => {
  const nameOnly = command.nameOnly === true;
  let totalSize = 0;
  let databases: Document[] = [...engine.databases.entries()].map(([name, collections]) => {
    if (nameOnly) return { name };
    let sizeOnDisk = 0;
    for (const collection of collections.values()) sizeOnDisk += collection.storageBytes;
    totalSize += sizeOnDisk;
    return { name, sizeOnDisk, empty: sizeOnDisk === 0 };
  });
  const filter = optionalDocument(command, 'filter');
  if (filter && Object.keys(filter).length > 0) {
    const query = new Query(filter);
    databases = databases.filter((d) => query.test(d));
  }
  return nameOnly ? { databases, ok: 1 } : { databases, totalSize, totalSizeMb: Long.fromNumber(Math.floor(totalSize / 1048576)), ok: 1 };
};

export const drop: CommandHandler = (command, context) => {
  const name = collectionName(command, 'drop');
  const { engine, db } = context;
  return commitAfter(context, () => {
    const collection = engine.collection(db, name);
    // Since 7.0, dropping a collection that does not exist succeeds.
    if (!collection) return { ok: 1 };
    const nIndexesWas = collection.indexes.size;
    engine.dropCollection(db, name);
    return { ns: `${db}.${name}`, nIndexesWas, ok: 1 };
  });
};

export const dropDatabase: CommandHandler = (_command, context) =>
  commitAfter(context, () => {
    context.engine.dropDatabase(context.db);
    return { dropped: context.db, ok: 1 };
  });
