import type { TypedDocumentString } from '../gql/graphql';

/** A GraphQL error as the gateway sends it; FORBIDDEN ones name the field and who may read it. */
export interface GraphQLErrorShape {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; allowedRoles?: string[]; field?: string; reason?: string };
}

/** Data and errors together: a response may carry both (a withheld field is null plus an error at its path). */
export interface GraphQLResult<TData> {
  data: TData | null;
  errors: GraphQLErrorShape[];
}

/** The gateway refused the bearer token (expired, or never valid): sign in again. */
export class SessionExpiredError extends Error {
  override name = 'SessionExpiredError';
}

/** The request failed as a whole: nothing to show but the message. */
export class RequestError extends Error {
  override name = 'RequestError';
}

function operationName(document: { toString(): string }): string | undefined {
  return /\b(?:query|mutation)\s+(\w+)/.exec(document.toString())?.[1];
}

/** Runs one typed operation against the gateway on this origin. */
export async function executeGraphQL<TData, TVariables>(
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
  token: string,
  signal?: AbortSignal,
): Promise<GraphQLResult<TData>> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: document.toString(), operationName: operationName(document), variables }),
    signal,
  });
  const body = (await response.json().catch(() => undefined)) as { data?: TData | null; errors?: GraphQLErrorShape[] } | undefined;
  if (response.status === 401) throw new SessionExpiredError(body?.errors?.[0]?.message ?? 'Your session has ended: sign in again');
  if (!body || (!body.data && body.errors?.length)) {
    throw new RequestError(body?.errors?.[0]?.message ?? `The gateway answered HTTP ${response.status}`);
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}
