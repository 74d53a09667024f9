import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TypedDocumentString } from '../gql/graphql';
import { useSession } from '../auth/session';
import { executeGraphQL, type GraphQLResult } from './graphql';

/** One operation's result (data and errors), cached per variables and per signed-in caller. */
export function useGraphQL<TData, TVariables>(document: TypedDocumentString<TData, TVariables>, variables: TVariables, options: { enabled?: boolean } = {}) {
  const { session } = useSession();
  return useQuery<GraphQLResult<TData>>({
    queryKey: [document.toString(), variables, session?.token],
    queryFn: ({ signal }) => executeGraphQL(document, variables, session!.token, signal),
    enabled: !!session && (options.enabled ?? true),
  });
}

/** A connection read page by page: `pageOf` finds the connection's pageInfo in a result. */
export function useGraphQLPages<TData, TVariables extends { after?: string | null }>(
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  pageInfoOf: (data: TData | null) => { hasNextPage: boolean; endCursor?: string | null } | undefined,
  options: { enabled?: boolean } = {},
) {
  const { session } = useSession();
  return useInfiniteQuery({
    queryKey: [document.toString(), variables, session?.token],
    queryFn: ({ pageParam, signal }) => executeGraphQL(document, { ...variables, after: pageParam }, session!.token, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: GraphQLResult<TData>) => {
      const info = pageInfoOf(last.data);
      return info?.hasNextPage && info.endCursor ? info.endCursor : undefined;
    },
    enabled: !!session && (options.enabled ?? true),
  });
}

/** A mutation; every cached query is refetched after it, since a correction changes customers. */
export function useGraphQLMutation<TData, TVariables>(document: TypedDocumentString<TData, TVariables>) {
  const { session } = useSession();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (variables: TVariables) => executeGraphQL(document, variables, session!.token),
    onSuccess: () => client.invalidateQueries(),
  });
}
