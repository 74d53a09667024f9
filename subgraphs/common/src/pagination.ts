import type { Collection, Document, Filter } from 'mongodb';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../src/contract/paging';
import { badUserInput } from './errors';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

/** Where an item sits in its list: its time (time-ordered lists) and its id, the tie-break. */
export interface PagePosition {
  t?: Date;
  id: string;
}

/** Validated `first`/`after` arguments. */
export interface PageRequest {
  first: number;
  after?: PagePosition;
}

export interface Edge<TNode> {
  node: TNode;
  cursor: string;
}

/**
 * What a connection field returns; codegen mappers point the `XConnection` types here.
 * `totalCount` may be a function: GraphQL's default resolver calls it only when the client asks
 * for the field, so root lists count their collection only on demand.
 */
export interface ConnectionModel<TNode> {
  edges: Edge<TNode>[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number | (() => Promise<number>);
}

// [list name, ISO time or null, id]: the list name stops a cursor of one list paging another.
// Only this exact shape is accepted: a cursor decoding to an object (say `{"$gt": ""}`) or with
// anything but a string id is refused, so a cursor's id can only ever be compared as a value.
const MAX_CURSOR_ID_LENGTH = 512;
const CursorSchema = z.tuple([z.string(), z.iso.datetime().nullable(), z.string().min(1).max(MAX_CURSOR_ID_LENGTH)]);
/** Longer than any cursor we hand out (base64 of the tuple above); refused before decoding. */
const MAX_CURSOR_LENGTH = 1024;

export function encodeCursor(list: string, position: PagePosition): string {
  return Buffer.from(JSON.stringify([list, position.t?.toISOString() ?? null, position.id])).toString('base64url');
}

export function decodeCursor(list: string, cursor: string): PagePosition {
  let parsed: z.infer<typeof CursorSchema> | undefined;
  try {
    if (cursor.length > MAX_CURSOR_LENGTH) throw new RangeError('cursor too long');
    const result = CursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (result.success) parsed = result.data;
  } catch {
    // Not base64 JSON at all: reported below like any other foreign value.
  }
  if (!parsed || parsed[0] !== list) {
    const shown = cursor.length > 80 ? `${JSON.stringify(cursor.slice(0, 80))}…` : JSON.stringify(cursor);
    throw badUserInput(
      `after: ${shown} is not a cursor of ${list}; pass an endCursor or edge cursor this list returned`,
      'after',
    );
  }
  const [, time, id] = parsed;
  return time === null ? { id } : { t: new Date(time), id };
}

/**
 * Validates the Relay arguments of the list `list`: `first` defaults to 20 and may not exceed 100;
 * `after` must be a cursor that list handed out.
 */
export function parsePageArgs(
  list: string,
  args: { first?: number | null; after?: string | null },
  order: 'newest-first' | 'by-key' = 'newest-first',
): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0) {
    throw badUserInput(`first must be an integer between 0 and ${MAX_PAGE_SIZE}; got ${first}`, 'first');
  }
  if (first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be at most ${MAX_PAGE_SIZE}; got ${first}`, 'first');
  }
  const request: PageRequest = { first };
  if (args.after !== undefined && args.after !== null) {
    const after = decodeCursor(list, args.after);
    if ((order === 'newest-first') !== (after.t !== undefined)) {
      throw badUserInput(`after: ${JSON.stringify(args.after)} is not a cursor of ${list}`, 'after');
    }
    request.after = after;
  }
  return request;
}

/** Builds a connection from one page of nodes (already cut to `first`) and their positions. */
export function toConnection<TNode>(
  list: string,
  nodes: readonly TNode[],
  positionOf: (node: TNode) => PagePosition,
  hasNextPage: boolean,
  totalCount?: ConnectionModel<TNode>['totalCount'],
): ConnectionModel<TNode> {
  const edges = nodes.map((node) => ({ node, cursor: encodeCursor(list, positionOf(node)) }));
  const connection: ConnectionModel<TNode> = {
    edges,
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
  if (totalCount !== undefined) connection.totalCount = totalCount;
  return connection;
}

/**
 * The documents after `after` in a newest-first list ordered by `timeField` desc, then `_id` desc.
 * `_id` breaks ties so that items sharing a time are neither skipped nor repeated across pages.
 */
export function afterFilter(timeField: string, after: PagePosition | undefined): Filter<{ _id: string }> {
  if (!after?.t) return {};
  return { $or: [{ [timeField]: { $lt: after.t } }, { [timeField]: after.t, _id: { $lt: after.id } }] };
}

/**
 * Reads one page of a root list, newest first: one `find` for `first + 1` documents (the extra
 * one only tells whether another page follows).
 */
export async function findNewestFirst<TDoc extends Document & { _id: string }>(
  collection: Collection<TDoc>,
  timeField: keyof TDoc & string,
  request: PageRequest,
): Promise<{ docs: TDoc[]; hasNextPage: boolean }> {
  const found = (await collection
    .find(afterFilter(timeField, request.after) as Filter<TDoc>)
    .sort({ [timeField]: -1, _id: -1 })
    .limit(request.first + 1)
    .toArray()) as TDoc[];
  return { docs: found.slice(0, request.first), hasNextPage: found.length > request.first };
}
