import { COLLECTIONS, type WebVisitorDoc } from '../../../../src/contract/documents';
import { findNewestFirst, parsePageArgs, toConnection } from '../../../common/src/pagination';
import type { QueryResolvers } from '../__generated__/resolvers-types';

const VISITORS_LIST = 'webVisitors';

export const Query: QueryResolvers = {
  webVisitor: (_, { visitorId }, { loaders }) => loaders.visitorById.load(visitorId),
  webSession: (_, { sessionId }, { loaders }) => loaders.sessionById.load(sessionId),
  webOrder: (_, { orderId }, { loaders }) => loaders.orderById.load(orderId),
  async webVisitors(_, args, { db, loaders }) {
    const request = parsePageArgs(VISITORS_LIST, args);
    const visitors = db.collection<WebVisitorDoc>(COLLECTIONS.web.visitors);
    const { docs, hasNextPage } = await findNewestFirst(visitors, 'firstSeenAt', request);
    for (const doc of docs) loaders.visitorById.prime(doc._id, doc);
    return toConnection(VISITORS_LIST, docs, (doc) => ({ t: doc.firstSeenAt, id: doc._id }), hasNextPage, () =>
      visitors.estimatedDocumentCount(),
    );
  },
};
