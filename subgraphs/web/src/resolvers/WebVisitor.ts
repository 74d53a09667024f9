import type { WebEventDoc, WebSessionDoc } from '../../../../src/contract/documents';
import { parsePageArgs, toConnection } from '../../../common/src/pagination';
import type { WebVisitorResolvers } from '../__generated__/resolvers-types';

const SESSIONS_LIST = 'WebVisitor.sessions';
const ORDERS_LIST = 'WebVisitor.orders';

function isDocument<T>(value: T | null | Error): value is T {
  return value !== null && !(value instanceof Error);
}

export const WebVisitor: WebVisitorResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.visitorById.load(reference.visitorId),
  async sessions(visitor, args, { loaders }) {
    const request = parsePageArgs(SESSIONS_LIST, args);
    const page = await loaders.sessionPagesByVisitor.load({ parentId: visitor.visitorId, request });
    const sessions = (await loaders.sessionById.loadMany(page.items.map((item) => item.id))).filter(isDocument<WebSessionDoc>);
    return toConnection(SESSIONS_LIST, sessions, (s) => ({ t: s.startedAt, id: s._id }), page.hasNextPage, page.totalCount);
  },
  async orders(visitor, args, { loaders }) {
    const request = parsePageArgs(ORDERS_LIST, args);
    const page = await loaders.orderPagesByVisitor.load({ parentId: visitor.visitorId, request });
    const orders = (await loaders.eventById.loadMany(page.items.map((item) => item.id))).filter(isDocument<WebEventDoc>);
    return toConnection(ORDERS_LIST, orders, (e) => ({ t: e.at, id: e._id }), page.hasNextPage, page.totalCount);
  },
};
