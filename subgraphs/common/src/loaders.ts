import DataLoader from 'dataloader';
import type { Collection, Document, Filter } from 'mongodb';
import type { PagePosition, PageRequest } from './pagination';

/*
 * DataLoader factories shared by the channel subgraphs. Each batch function issues a fixed number
 * of MongoDB commands whatever the number of keys (an `$in` per batch) and answers in key order,
 * `null` for a miss: DataLoader's contract. Loaders are created per request (see each subgraph's
 * `createLoaders`), never at module level, so nothing is cached across requests or callers.
 */

// Children per parent are not bounded up front; a large batch keeps round trips few (the server
// still caps a batch at 16 MiB).
const CHILDREN_BATCH_SIZE = 10_000;

/** Loads documents by a unique string field (by default `_id`) with one `find … $in` per batch. */
export function createByKeyLoader<TDoc extends Document>(
  collection: Collection<TDoc>,
  field: keyof TDoc & string = '_id',
): DataLoader<string, TDoc | null> {
  return new DataLoader<string, TDoc | null>(async (keys) => {
    // At most one document per key: sized so the whole answer comes back in the first batch,
    // without `getMore` round trips that would grow with the number of keys.
    const docs = (await collection
      .find({ [field]: { $in: [...keys] } } as Filter<TDoc>, { batchSize: Math.max(keys.length, 1) })
      .toArray()) as TDoc[];
    const byKey = new Map(docs.map((doc) => [String(doc[field]), doc]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

export interface ChildrenLoaderOptions<TDoc extends Document> {
  /** Extra conditions on the children (e.g. only `order` events). */
  match?: Filter<TDoc>;
  /**
   * Only these fields come back (it must keep the parent field); type the collection with the
   * projected shape, e.g. `Collection<Pick<CrmCaseDoc, ...>>`.
   */
  projection?: Record<string, 0 | 1>;
}

/**
 * Loads every document of each parent, in the given order, with one `find … $in` per batch; a
 * parent with none gets an empty list. For small child lists only (a session's events).
 */
export function createChildrenLoader<TDoc extends Document>(
  collection: Collection<TDoc>,
  parentField: keyof TDoc & string,
  sort: Record<string, 1 | -1>,
  options: ChildrenLoaderOptions<TDoc> = {},
): DataLoader<string, TDoc[]> {
  return new DataLoader<string, TDoc[]>(async (parentIds) => {
    const filter = { ...options.match, [parentField]: { $in: [...parentIds] } } as Filter<TDoc>;
    const docs = (await collection
      .find(filter, { batchSize: CHILDREN_BATCH_SIZE, ...(options.projection ? { projection: options.projection } : {}) })
      .sort(sort)
      .toArray()) as TDoc[];
    const byParent = new Map<string, TDoc[]>(parentIds.map((id) => [id, []]));
    for (const doc of docs) byParent.get(String(doc[parentField]))?.push(doc);
    return parentIds.map((id) => byParent.get(id) ?? []);
  });
}

export interface ChildPageKey {
  parentId: string;
  request: PageRequest;
}

/** One page of a parent's children: their ids and positions (for cursors), not yet the documents. */
export interface ChildPage {
  items: Required<PagePosition>[];
  hasNextPage: boolean;
  /** Every child of the parent, ignoring the page. */
  totalCount: number;
}

export interface ChildPageSpec {
  parentField: string;
  timeField: string;
  /** Extra conditions on the children (e.g. only `order` events). */
  match?: Document;
  /**
   * Stages between the `$match` and the paging, e.g. to collapse duplicates. They must leave
   * documents with `_id`, the parent field and the time field.
   */
  stages?: Document[];
}

function requestSignature({ first, after }: PageRequest): string {
  return JSON.stringify([first, after?.t?.toISOString() ?? null, after?.id ?? null]);
}

/**
 * Pages of each parent's children, newest first (time desc, then `_id` desc). One `aggregate` per
 * distinct (`first`, `after`) in the batch: a query listing 100 contacts with `cases(first: 5)`
 * runs one, not 100. Only ids and times travel back; callers load the documents through their
 * by-id loader, which also serves `_entities` for the same ids.
 */
export function createChildPageLoader(collection: Collection<Document>, spec: ChildPageSpec): DataLoader<ChildPageKey, ChildPage, string> {
  const { parentField, timeField } = spec;
  return new DataLoader<ChildPageKey, ChildPage, string>(
    async (keys) => {
      const groups = new Map<string, { request: PageRequest; parentIds: Set<string> }>();
      for (const { parentId, request } of keys) {
        const signature = requestSignature(request);
        const group = groups.get(signature) ?? { request, parentIds: new Set<string>() };
        group.parentIds.add(parentId);
        groups.set(signature, group);
      }
      const pages = new Map<string, ChildPage>();
      await Promise.all(
        [...groups.entries()].map(async ([signature, { request, parentIds }]) => {
          const rows = await collection
            .aggregate<{ _id: string; totalCount: number; items: Required<PagePosition>[] }>(
              childPagePipeline(spec, [...parentIds], request),
              // One row per parent: all of them in the first batch.
              { allowDiskUse: true, batchSize: Math.max(parentIds.size, 1) },
            )
            .toArray();
          for (const row of rows) {
            pages.set(`${signature}|${row._id}`, {
              items: row.items.slice(0, request.first),
              hasNextPage: row.items.length > request.first,
              totalCount: row.totalCount,
            });
          }
        }),
      );
      return keys.map(
        ({ parentId, request }) =>
          pages.get(`${requestSignature(request)}|${parentId}`) ?? { items: [], hasNextPage: false, totalCount: 0 },
      );
    },
    { cacheKeyFn: ({ parentId, request }) => `${requestSignature(request)}|${parentId}` },
  );
}

function childPagePipeline(spec: ChildPageSpec, parentIds: string[], request: PageRequest): Document[] {
  const { parentField, timeField } = spec;
  const { after } = request;
  // `$push` keeps the `$sort` order, so each parent's items arrive newest first.
  const afterCursor = after?.t
    ? {
        $filter: {
          input: '$items',
          cond: {
            $or: [
              { $lt: ['$$this.t', after.t] },
              { $and: [{ $eq: ['$$this.t', after.t] }, { $lt: ['$$this.id', after.id] }] },
            ],
          },
        },
      }
    : '$items';
  return [
    { $match: { ...spec.match, [parentField]: { $in: parentIds } } },
    ...(spec.stages ?? []),
    { $sort: { [parentField]: 1, [timeField]: -1, _id: -1 } },
    {
      $group: {
        _id: `$${parentField}`,
        totalCount: { $sum: 1 },
        items: { $push: { id: '$_id', t: `$${timeField}` } },
      },
    },
    { $project: { totalCount: 1, items: { $slice: [afterCursor, request.first + 1] } } },
  ];
}
