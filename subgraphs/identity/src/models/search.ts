import { createHash } from 'node:crypto';
import { foldText } from '../../../../src/identity/search/fold';
import { MAX_QUERY_LENGTH } from '../../../../src/identity/search/query';
import { searchCustomers } from '../../../../src/identity/store';
import type { CustomerDoc } from '../../../../src/identity/store/documents';
import { auditTrailOf } from '../../../common/src/audit';
import { badUserInput } from '../../../common/src/errors';
import { encodeCursor, parsePageArgs } from '../../../common/src/pagination';
import { requireIdentifierText } from '../../../common/src/validation';
import type { QuerySearchCustomersArgs } from '../__generated__/resolvers-types';
import type { IdentityContext } from '../context';
import type { CustomerSearchConnectionModel, CustomerSearchEdgeModel } from './connections';

export const SEARCH_LIST = 'searchCustomers';

/** Ties a cursor to its query: a cursor of one search cannot page another. */
function queryKey(text: string): string {
  return createHash('sha256').update(foldText(text) || text.toLowerCase()).digest('base64url').slice(0, 12);
}

// A cursor is the hit's rank in the search: `<rank>.<query key>`.
function decodeOffset(cursorId: string | undefined, key: string): number {
  if (cursorId === undefined) return 0;
  const [rank, forQuery] = cursorId.split('.');
  if (forQuery !== key || !/^\d{1,4}$/.test(rank ?? '')) {
    throw badUserInput('after: this cursor belongs to another search query; pass an endCursor this search returned', 'after');
  }
  return Number(rank);
}

/**
 * One page of `searchCustomers`: the search over the identity database, its customers loaded, and
 * every one of them written to the audit log (a search reveals that each person found exists).
 */
export async function searchCustomersPage(args: QuerySearchCustomersArgs, context: IdentityContext): Promise<CustomerSearchConnectionModel> {
  const text = requireIdentifierText(args.query, 'query');
  if (text.length > MAX_QUERY_LENGTH) throw badUserInput(`query is ${text.length} characters long; at most ${MAX_QUERY_LENGTH} are accepted`, 'query');
  const key = queryKey(text);
  const request = parsePageArgs(SEARCH_LIST, args, 'by-key');
  const offset = decodeOffset(request.after?.id, key);
  const page = await searchCustomers(context.identity, text, { first: request.first, offset });
  const customers = await context.loaders.customerById.loadMany(page.hits.map((hit) => hit.customerId));
  const edges: CustomerSearchEdgeModel[] = [];
  page.hits.forEach((hit, i) => {
    const customer = customers[i];
    // A customer forgotten or merged away since its terms were read is left out.
    if (!customer || customer instanceof Error) return;
    edges.push({ node: customer as CustomerDoc, score: hit.score, matches: hit.matches, cursor: encodeCursor(SEARCH_LIST, { id: `${offset + i + 1}.${key}` }) });
  });
  // A search reveals that each customer found exists: every one is audited, not only the query.
  const trail = auditTrailOf(context);
  for (const edge of edges) trail?.record({ entityType: 'Customer', entityKey: edge.node._id, field: SEARCH_LIST });
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
