import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Turns a subgraph fetch that threw (a timeout) into a result carrying the error, as a fetch that
 * failed with an HTTP error already is. Hive Router's query plan executor places the errors of a
 * result at the fields the fetch was for, but passes a thrown GraphQLError on without any path.
 * Registered after the upstream timeout (a runtime option, so among the runtime's own plugins),
 * so that it wraps it.
 */
export function useFetchFailurePaths(): GatewayPlugin {
  return {
    onSubgraphExecute({ executor, setExecutor }) {
      setExecutor(async (request) => {
        try {
          return await executor(request);
        } catch (error) {
          return { errors: [error as Error] } as never;
        }
      });
    },
  };
}
