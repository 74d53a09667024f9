import type { GatewayConfigBase } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type GraphQLErrorExtensions } from 'graphql';
import { maskError as yogaMaskError, type MaskError } from 'graphql-yoga';

/** The `extensions.code` of a field that could not be fetched because its subgraph failed. */
export const SubgraphFailureCode = {
  UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  TIMEOUT: 'SUBGRAPH_TIMEOUT',
} as const;

/** Codes the transport sets when the request to a subgraph itself failed (not its GraphQL answer). */
const TRANSPORT_FAILURE_CODES = new Set(['SUBREQUEST_HTTP_ERROR']);

function withSubgraph(error: GraphQLError, message: string, extensions: GraphQLErrorExtensions): GraphQLError {
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions });
}

/**
 * An error a subgraph answered with (it names the subgraph). In a subscription's events the
 * subgraph's errors arrive as the plain objects of its answer, not as GraphQLErrors.
 */
function subgraphErrorOf(error: unknown): (GraphQLError & { extensions: { serviceName: string } }) | undefined {
  const candidate = error as { message?: unknown; path?: unknown; extensions?: GraphQLErrorExtensions } | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.extensions?.serviceName !== 'string') return undefined;
  if (error instanceof GraphQLError) return error as GraphQLError & { extensions: { serviceName: string } };
  const path = Array.isArray(candidate.path) ? (candidate.path as (string | number)[]) : undefined;
  return new GraphQLError(typeof candidate.message === 'string' ? candidate.message : 'Subgraph error', { path, extensions: candidate.extensions }) as GraphQLError & {
    extensions: { serviceName: string };
  };
}

/**
 * The gateway's error masking. A field whose subgraph is down or too slow becomes a clear error
 * naming that subgraph (`extensions.serviceName`) beside the data the other subgraphs returned:
 * never the transport's message, which carries internal addresses and the subgraph request's
 * body. Errors a subgraph answered with keep their message and code (subgraphs mask their own
 * internals). Anything else goes through Yoga's default masking ("Unexpected error.").
 */
export function createMaskError(timeoutMsOf: (subgraph: string) => number | undefined): MaskError {
  return (raw, message, isDev) => {
    const error = subgraphErrorOf(raw);
    if (error) {
      const subgraph = error.extensions.serviceName;
      const code = error.extensions.code;
      if (code === 'GATEWAY_TIMEOUT') {
        const timeout = timeoutMsOf(subgraph);
        return withSubgraph(error, `Subgraph ${subgraph} did not answer within ${timeout ?? 'its'} ms`, {
          code: SubgraphFailureCode.TIMEOUT,
          serviceName: subgraph,
        });
      }
      if (typeof code !== 'string' || TRANSPORT_FAILURE_CODES.has(code)) {
        return withSubgraph(error, `Subgraph ${subgraph} is unavailable`, { code: SubgraphFailureCode.UNAVAILABLE, serviceName: subgraph });
      }
      // The subgraph's own GraphQL error: keep what it chose to tell the client (code, argument,
      // denied field…), nothing of the gateway's request bookkeeping.
      const { request: _request, response: _response, http: _http, ...told } = error.extensions;
      return withSubgraph(error, error.message, told);
    }
    return yogaMaskError(raw, message, isDev);
  };
}

/**
 * Runtime options for failing subgraphs: each subgraph request is abandoned after its timeout
 * (`OMNIDEX_<NAME>_TIMEOUT_MS`), and failures are reported per field by `createMaskError`.
 */
export function createResilience(
  subgraphTimeoutMs: Readonly<Record<string, number>>,
): Pick<GatewayConfigBase<Record<string, unknown>>, 'upstreamTimeout' | 'maskedErrors'> {
  const timeoutMsOf = (subgraph: string) => subgraphTimeoutMs[subgraph];
  return {
    // A subscription's stream stays open for as long as the client listens: only requests time out.
    upstreamTimeout: ({ subgraphName, executionRequest }) =>
      subgraphName && executionRequest?.operationType !== 'subscription' ? timeoutMsOf(subgraphName) : undefined,
    maskedErrors: { maskError: createMaskError(timeoutMsOf) },
  };
}
