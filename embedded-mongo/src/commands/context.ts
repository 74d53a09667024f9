import { Long, type Document } from 'bson';
import type { Engine } from '../engine/engine';
import type { CursorStore } from '../cursors';
import { CommandError } from '../errors';
import { isPlainObject, toDouble } from '../engine/values';

export interface CommandContext {
  engine: Engine;
  cursors: CursorStore;
  connectionId: number;
  /** The database the command runs in (`$db`). */
  db: string;
}

export type CommandHandler = (command: Document, context: CommandContext) => Promise<Document> | Document;

/** The collection name a command addresses in its first field (`{ find: "users" }`). */
export function collectionName(command: Document, name: string): string {
  const value = command[name] as unknown;
  if (typeof value !== 'string' || value.length === 0) {
    throw new CommandError('InvalidNamespace', `collection name has invalid type ${typeof value}: the '${name}' field must name a collection`);
  }
  return value;
}

export function optionalDocument(command: Document, field: string): Document | undefined {
  const value = command[field] as unknown;
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new CommandError('TypeMismatch', `BSON field '${field}' must be a document`);
  return value;
}

export function optionalNumber(command: Document, field: string): number | undefined {
  const value = command[field] as unknown;
  if (value === undefined || value === null) return undefined;
  const n = toDouble(value);
  if (Number.isNaN(n)) throw new CommandError('TypeMismatch', `BSON field '${field}' must be a number`);
  return n;
}

export function nonNegativeInteger(command: Document, field: string): number | undefined {
  const n = optionalNumber(command, field);
  if (n === undefined) return undefined;
  if (n < 0 || !Number.isInteger(n)) throw new CommandError('BadValue', `${field} must be a non-negative integer, got ${n}`);
  return n;
}

export function cursorIdOf(value: unknown): bigint {
  if (value instanceof Long) return value.toBigInt();
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'bigint') return value;
  throw new CommandError('TypeMismatch', 'cursor id must be a 64-bit integer');
}

export function rejectCollation(command: Document, where: Document = command): void {
  if (where.collation !== undefined && where.collation !== null) {
    const locale = isPlainObject(where.collation) ? where.collation.locale : undefined;
    if (locale !== 'simple') {
      throw new CommandError('CommandNotSupported', `collation is not supported by the embedded server (command ${Object.keys(command)[0]})`);
    }
  }
}
