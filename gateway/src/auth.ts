import type { GatewayPlugin, PropagateHeadersOpts } from '@graphql-hive/gateway-runtime';
import { getOperationAST } from 'graphql';
import { isIngestOnly, type Caller } from '../../src/auth/caller';
import { AuthenticationError } from '../../src/auth/errors';
import { createBearerVerifier, type BearerVerifier } from '../../src/auth/bearer';
import { createInternalTokenSigner, INTERNAL_CALLER_HEADER, INTERNAL_OPERATION_HEADER } from '../../src/auth/internal';
import type { AuthSettings } from '../../src/auth/secrets';
import { outgoingTraceparent } from '../../src/telemetry/trace-context';

/** What authentication adds to every GraphQL request's context in the gateway. */
export interface AuthContext {
  /** The caller the bearer token names; other plugins (rate limits) and the subgraph fetches read it. */
  caller: Caller;
  /**
   * The client's operation name, for the subgraphs' audit entries: the query planner sends its
   * subgraph operations unnamed. Set once the document is parsed.
   */
  operationName?: string;
}

export interface AuthenticationOptions {
  settings: AuthSettings;
  /**
   * Paths answered without a bearer token. Everything else is guarded, since GraphQL is
   * also served on variants of its endpoint such as `/graphql/`.
   */
  openPaths: readonly string[];
  /** Receives failures that are not the client's fault (an unreachable JWKS endpoint). */
  logError: (error: unknown) => void;
}

/** Longer client operation names are cut before they travel to the subgraphs' audit entries. */
const MAX_OPERATION_NAME_LENGTH = 128;

function errorResponse(fetchAPI: { Response: typeof Response }, status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

// Keyed by the Request object, so an entry lives exactly as long as its request.
const verifiedRequests = new WeakMap<Request, AuthContext>();

/** The caller a request's bearer token named, once `useAuthentication` has verified it. */
export function callerOfRequest(request: Request): Caller | undefined {
  return verifiedRequests.get(request)?.caller;
}

/**
 * Verifies `Authorization: Bearer <JWT>` before the gateway parses anything: a request without a
 * valid token ends here with 401 and an `UNAUTHENTICATED` error saying why. A verified caller goes
 * into the context, for `propagateCaller` to sign to each subgraph.
 */
export function useAuthentication(options: AuthenticationOptions): GatewayPlugin<AuthContext> {
  const verify: BearerVerifier = createBearerVerifier(options.settings.bearer);
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (options.openPaths.includes(url.pathname) || request.method === 'OPTIONS') return;
      try {
        const caller = await verify(request.headers.get('authorization'));
        if (isIngestOnly(caller)) {
          endResponse(errorResponse(fetchAPI, 403, 'FORBIDDEN', 'The ingest role writes through POST /ingest/<kind> and reads nothing'));
          return;
        }
        verifiedRequests.set(request, { caller });
      } catch (error) {
        if (error instanceof AuthenticationError) {
          endResponse(errorResponse(fetchAPI, 401, error.code, error.message, { 'www-authenticate': 'Bearer' }));
          return;
        }
        options.logError(error);
        endResponse(errorResponse(fetchAPI, 503, 'AUTHENTICATION_UNAVAILABLE', 'Bearer token could not be verified right now; try again later'));
      }
    },
    onContextBuilding({ context, extendContext }) {
      const auth = verifiedRequests.get(context.request);
      // onRequest guards every request that can reach GraphQL execution, so this cannot happen
      // unless an open path starts serving GraphQL; fail closed if it ever does.
      if (!auth) throw new AuthenticationError('Request reached GraphQL without authentication');
      extendContext(auth);
    },
    onExecute({ args, extendContext }) {
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (name) extendContext({ operationName: name.slice(0, MAX_OPERATION_NAME_LENGTH) });
    },
    onSubscribe({ args, extendContext }) {
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (name) extendContext({ operationName: name.slice(0, MAX_OPERATION_NAME_LENGTH) });
    },
  };
}

/**
 * Signs the request's caller into every subgraph fetch (root fields and `_entities` alike). Each
 * fetch asks for its token when it starts, so the late fetches of a long query plan (a large
 * portfolio report) never carry an expired one; a caller's token is reused for a few seconds
 * (`createInternalTokenSigner`).
 */
export function propagateCaller(internalSecret: string): PropagateHeadersOpts<AuthContext> {
  const sign = createInternalTokenSigner(internalSecret);
  return {
    fromClientToSubgraphs: async ({ context }) =>
      context.caller
        ? {
            [INTERNAL_CALLER_HEADER]: await sign(context.caller),
            [INTERNAL_OPERATION_HEADER]: context.operationName,
            // Tracing off, the subgraph's log lines take the request's trace id from this.
            traceparent: outgoingTraceparent(),
          }
        : {},
  };
}
