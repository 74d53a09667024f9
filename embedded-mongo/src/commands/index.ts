import type { Document } from 'bson';
import { CommandError, toCommandError } from '../errors';
import * as admin from './admin';
import type { CommandContext, CommandHandler } from './context';
import { checkCommandFields } from './fields';
import * as read from './read';
import * as write from './write';

const HANDLERS: Record<string, CommandHandler> = {
  hello: admin.hello,
  ismaster: admin.hello,
  isMaster: admin.hello,
  ping: admin.ping,
  buildInfo: admin.buildInfo,
  buildinfo: admin.buildInfo,
  endSessions: admin.endSessions,
  create: admin.create,
  createIndexes: admin.createIndexes,
  listIndexes: admin.listIndexes,
  dropIndexes: admin.dropIndexes,
  deleteIndexes: admin.dropIndexes,
  listCollections: admin.listCollections,
  listDatabases: admin.listDatabases,
  drop: admin.drop,
  dropDatabase: admin.dropDatabase,
  find: read.find,
  getMore: read.getMore,
  killCursors: read.killCursors,
  count: read.count,
  distinct: read.distinct,
  aggregate: read.aggregate,
  insert: write.insert,
  update: write.update,
  delete: write.remove,
  findAndModify: write.findAndModify,
  findandmodify: write.findAndModify,
};

/**
 * Commands a real mongod has that this server deliberately does not implement. They get
 * CommandNotSupported (115) naming the command; names mongod does not know get CommandNotFound (59).
 */
const KNOWN_UNSUPPORTED = new Set([
  'abortTransaction', 'commitTransaction', 'mapReduce', 'collMod', 'renameCollection', 'cloneCollectionAsCapped',
  'convertToCapped', 'compact', 'validate', 'explain', 'collStats', 'dbStats', 'dataSize', 'serverStatus',
  'currentOp', 'killOp', 'replSetGetStatus', 'replSetInitiate', 'createUser', 'dropUser', 'updateUser',
  'usersInfo', 'createRole', 'saslStart', 'saslContinue', 'authenticate', 'logout', 'getLog', 'shutdown',
  'fsync', 'setParameter', 'getParameter', 'hostInfo', 'listCommands', 'startSession', 'refreshSessions',
  'killSessions', 'killAllSessions', 'geoSearch', 'bulkWrite', 'setFeatureCompatibilityVersion',
  'getCmdLineOpts', 'profile', 'top', 'connectionStatus', 'whatsmyuri', 'reIndex', 'lockInfo',
]);

/** Runs one command document and returns its reply (errors become `{ ok: 0, ... }` replies). */
export async function runCommand(command: Document, context: Omit<CommandContext, 'db'>): Promise<Document> {
  const name = Object.keys(command)[0];
  try {
    if (name === undefined) throw new CommandError('FailedToParse', 'empty command document');
    const db = typeof command.$db === 'string' ? command.$db : 'admin';
    const handler = HANDLERS[name];
    if (!handler) {
      if (KNOWN_UNSUPPORTED.has(name)) {
        throw new CommandError('CommandNotSupported', `command '${name}' is not supported by the Omnidex embedded server`);
      }
      throw new CommandError('CommandNotFound', `no such command: '${name}'`);
    }
    if (command.startTransaction !== undefined || command.autocommit !== undefined) {
      throw new CommandError('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
    }
    checkCommandFields(name, command);
    return await handler(command, { ...context, db });
  } catch (error) {
    const e = toCommandError(error);
    return { ok: 0, errmsg: e.message, code: e.code, codeName: e.codeName, ...e.extra };
  }
}
