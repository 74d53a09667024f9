import type { Document } from 'bson';
import { CommandError, toCommandError } from '../errors';
import type { Collection } from '../engine/collection';
import type { StoredDocument } from '../engine/documents';
import type { Engine } from '../engine/engine';
import { findRecordsSync, parseSortOption, projector } from '../engine/query';
import { leadingScalarId, UNREAD } from '../storage/raw-bson';
import { SentDocument, sentBytesOf } from '../wire/protocol';
import { applyUpdate, checkStorableId, isOperatorUpdate, upsertSeed, validateUpdate, withIdFirst, type UpdateSpec } from '../engine/update';
import { isPlainObject } from '../engine/values';
import { collectionName, optionalDocument, rejectCollation, type CommandContext, type CommandHandler } from './context';
import { checkStatementFields } from './fields';
import { letVariables, withStatementConstants } from './variables';

/** Shapes a failed statement of a batch the way mongod reports it in `writeErrors`. */
function writeError(index: number, error: unknown): Document {
  const e = toCommandError(error);
  return { index, code: e.code, codeName: e.codeName, errmsg: e.message, ...e.extra };
}

function documentsOf(command: Document, field: string): Document[] {
  return sentDocumentsOf(command, field) as Document[];
}

/** An array of documents, which an insert's may hold as sent (wire/protocol.ts). */
function sentDocumentsOf(command: Document, field: string): Array<Document | SentDocument> {
  const value = command[field] as unknown;
  if (!Array.isArray(value)) throw new CommandError('TypeMismatch', `BSON field '${field}' must be an array`);
  for (const item of value) {
    if (!(item instanceof SentDocument) && !isPlainObject(item)) throw new CommandError('TypeMismatch', `every element of '${field}' must be a document`);
  }
  return value as Array<Document | SentDocument>;
}

function rejectTransactionFields(command: Document): void {
  if (command.txnNumber !== undefined || command.startTransaction !== undefined || command.autocommit !== undefined) {
    throw new CommandError('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
  }
}

/**
 * Runs a write command's statements in one transaction, which commits what they applied (even
 * when one failed: an ordered batch keeps what it applied before the failure), and replies once
 * that is durable.
 */
function runWrite(context: CommandContext, body: () => Document): Promise<Document> {
  return context.engine.write(body);
}

export const insert: CommandHandler = (command, context) => {
  rejectTransactionFields(command);
  const name = collectionName(command, 'insert');
  const docs = sentDocumentsOf(command, 'documents');
  const ordered = command.ordered !== false;
  const { engine, db } = context;
  return runWrite(context, () => {
    const collection = engine.ensureCollection(db, name);
    let n = 0;
    const writeErrors: Document[] = [];
    for (let i = 0; i < docs.length; i++) {
      try {
        const item = docs[i] as Document | SentDocument;
        // A document already in the stored shape (`_id` first) is stored as the client sent it.
        const id = item instanceof SentDocument ? leadingScalarId(item.bytes) : UNREAD;
        if (id !== UNREAD) {
          collection.insertSent(id, (item as SentDocument).bytes);
        } else {
          const sent = item instanceof SentDocument ? item.doc : item;
          const doc = withIdFirst(sent);
          checkStorableId(doc._id);
          const bytes = doc !== sent ? undefined : item instanceof SentDocument ? item.bytes : sentBytesOf(sent);
          collection.insert(doc, bytes);
        }
        n++;
      } catch (error) {
        writeErrors.push(writeError(i, error));
        if (ordered) break;
      }
    }
    return writeErrors.length > 0 ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
  });
};

interface UpdateOutcome {
  matched: number;
  modified: number;
  upsertedId?: unknown;
  /** The document before (or after, with `returnNew`) the write, for findAndModify. */
  before?: Document | undefined;
  after?: Document | undefined;
}

interface UpdateStatement {
  filter: Document;
  update: UpdateSpec;
  multi: boolean;
  upsert: boolean;
  arrayFilters?: Document[] | undefined;
  sort: ReturnType<typeof parseSortOption>;
  /** The command's `let` variables (and the statement's constants). */
  variables?: Document | undefined;
}

/** Applies one update statement; all checks happen before each document is replaced. */
function runUpdate(engine: Engine, db: string, name: string, s: UpdateStatement): UpdateOutcome {
  let collection: Collection | undefined = engine.collection(db, name);
  const records: StoredDocument[] = collection
    ? findRecordsSync(collection, s.filter, { limit: s.multi ? 0 : 1, sort: s.sort, variables: s.variables })
    : [];
  if (records.length === 0) {
    if (!s.upsert) return { matched: 0, modified: 0 };
    const seed = upsertSeed(s.filter);
    let doc: Document;
    if (!Array.isArray(s.update) && !isOperatorUpdate(s.update)) {
      doc = { ...s.update }; // see applyUpdate: a replacement is used once, no deep copy needed
      if (doc._id === undefined && seed._id !== undefined) doc._id = seed._id;
    } else {
      doc = applyUpdate(seed, s.update, { arrayFilters: s.arrayFilters, inserting: true, variables: s.variables }).doc;
    }
    doc = withIdFirst(doc);
    checkStorableId(doc._id);
    collection ??= engine.ensureCollection(db, name);
    collection.insert(doc);
    return { matched: 0, modified: 0, upsertedId: doc._id, after: doc };
  }
  let modified = 0;
  let before: Document | undefined;
  let after: Document | undefined;
  for (const record of records) {
    before = record.doc;
    const result = applyUpdate(record.doc, s.update, { arrayFilters: s.arrayFilters, filter: s.filter, variables: s.variables });
    after = result.doc;
    if (!result.modified) continue;
    (collection as Collection).replace(record, result.doc);
    modified++;
  }
  return { matched: records.length, modified, before, after };
}

function updateStatement(raw: Document, field: 'q' | 'query', updateField: 'u' | 'update', variables: Document | undefined): UpdateStatement {
  rejectCollation(raw, raw);
  const filter = raw[field] ?? {};
  if (!isPlainObject(filter)) throw new CommandError('TypeMismatch', `BSON field '${field}' must be a document`);
  const arrayFilters = raw.arrayFilters as unknown;
  if (arrayFilters !== undefined && arrayFilters !== null && (!Array.isArray(arrayFilters) || !arrayFilters.every(isPlainObject))) {
    throw new CommandError('TypeMismatch', "BSON field 'arrayFilters' must be an array of documents");
  }
  const update = validateUpdate(raw[updateField]);
  return {
    filter,
    update,
    multi: raw.multi === true,
    upsert: raw.upsert === true,
    arrayFilters: (arrayFilters ?? undefined) as Document[] | undefined,
    sort: parseSortOption(raw.sort),
    variables: withStatementConstants(variables, raw.c, Array.isArray(update)),
  };
}

export const update: CommandHandler = (command, context) => {
  rejectTransactionFields(command);
  const name = collectionName(command, 'update');
  const statements = documentsOf(command, 'updates');
  for (const statement of statements) checkStatementFields('update.updates', statement);
  // mongod 8 orders single-document updates by `sort`; a sorted multi update is a whole-command error.
  if (statements.some((s) => s.multi === true && s.sort !== undefined && s.sort !== null)) {
    throw new CommandError('FailedToParse', 'Cannot specify sort with multi=true');
  }
  const ordered = command.ordered !== false;
  const variables = letVariables(command);
  const { engine, db } = context;
  return runWrite(context, () => {
    let n = 0;
    let nModified = 0;
    const upserted: Document[] = [];
    const writeErrors: Document[] = [];
    for (let i = 0; i < statements.length; i++) {
      try {
        const statement = updateStatement(statements[i] as Document, 'q', 'u', variables);
        if (statement.multi && !Array.isArray(statement.update) && !isOperatorUpdate(statement.update)) {
          throw new CommandError('FailedToParse', 'multi update is not supported for replacement-style update');
        }
        const outcome = runUpdate(engine, db, name, statement);
        if (outcome.upsertedId !== undefined) {
          upserted.push({ index: i, _id: outcome.upsertedId });
          n += 1;
        } else {
          n += outcome.matched;
          nModified += outcome.modified;
        }
      } catch (error) {
        writeErrors.push(writeError(i, error));
        if (ordered) break;
      }
    }
    const reply: Document = { n, nModified };
    if (upserted.length > 0) reply.upserted = upserted;
    if (writeErrors.length > 0) reply.writeErrors = writeErrors;
    reply.ok = 1;
    return reply;
  });
};

export const remove: CommandHandler = (command, context) => {
  rejectTransactionFields(command);
  const name = collectionName(command, 'delete');
  const statements = documentsOf(command, 'deletes');
  for (const statement of statements) checkStatementFields('delete.deletes', statement);
  const ordered = command.ordered !== false;
  const variables = letVariables(command);
  const { engine, db } = context;
  return runWrite(context, () => {
    let n = 0;
    const writeErrors: Document[] = [];
    const collection = engine.collection(db, name);
    for (let i = 0; i < statements.length; i++) {
      try {
        const statement = statements[i] as Document;
        rejectCollation(statement, statement);
        const filter = statement.q ?? {};
        if (!isPlainObject(filter)) throw new CommandError('TypeMismatch', "BSON field 'q' must be a document");
        const limit = Number(statement.limit ?? 0);
        if (limit !== 0 && limit !== 1) throw new CommandError('BadValue', `delete limit must be 0 or 1, got ${limit}`);
        if (!collection) continue;
        for (const record of findRecordsSync(collection, filter, { limit, variables })) {
          collection.remove(record);
          n++;
        }
      } catch (error) {
        writeErrors.push(writeError(i, error));
        if (ordered) break;
      }
    }
    return writeErrors.length > 0 ? { n, writeErrors, ok: 1 } : { n, ok: 1 };
  });
};

export const findAndModify: CommandHandler = (command, context) => {
  rejectTransactionFields(command);
  rejectCollation(command);
  const name = collectionName(command, 'findAndModify');
  const { engine, db } = context;
  const query = optionalDocument(command, 'query') ?? {};
  const sort = parseSortOption(command.sort);
  const variables = letVariables(command);
  const project = projector(command.fields, variables);
  const returnNew = command.new === true;
  const shape = (doc: Document | undefined): Document | null => (doc ? (project ? (project([doc])[0] ?? null) : doc) : null);
  return runWrite(context, () => {
    if (command.remove === true) {
      if (command.update !== undefined) throw new CommandError('FailedToParse', 'findAndModify cannot both remove and update');
      const collection = engine.collection(db, name);
      const [record] = collection ? findRecordsSync(collection, query, { sort, limit: 1, variables }) : [];
      if (!record || !collection) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
      collection.remove(record);
      return { lastErrorObject: { n: 1 }, value: shape(record.doc), ok: 1 };
    }
    if (command.update === undefined) throw new CommandError('FailedToParse', 'Either an update or remove=true must be specified');
    const statement = updateStatement(
      { query, update: command.update, upsert: command.upsert, arrayFilters: command.arrayFilters } as Document,
      'query',
      'update',
      variables,
    );
    const outcome = runUpdate(engine, db, name, { ...statement, multi: false, sort });
    if (outcome.upsertedId !== undefined) {
      return {
        lastErrorObject: { n: 1, updatedExisting: false, upserted: outcome.upsertedId },
        value: returnNew ? shape(outcome.after) : null,
        ok: 1,
      };
    }
    return {
      lastErrorObject: { n: outcome.matched, updatedExisting: outcome.matched > 0 },
      value: shape(returnNew ? outcome.after : outcome.before),
      ok: 1,
    };
  });
};
