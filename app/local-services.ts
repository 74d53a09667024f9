import type { Caller } from '../src/auth/caller';
import { INTERNAL_CALLER_HEADER, signInternalToken } from '../src/auth/internal';
import type { Config, SubgraphName } from '../src/config';
import { serve } from './serve';

export interface LocalServices {
  /**
   * Runs a GraphQL operation on one subgraph as `caller`, as the gateway would forward it; throws
   * with the errors' messages when it answers any.
   */
  request<TData>(subgraph: SubgraphName, query: string, variables: Record<string, unknown>, caller: Caller): Promise<TData>;
}

/**
 * Runs `body` against Omnidex's subgraphs started in this process on free ports, for the commands
 * whose work spans several services' databases (`forget`, `export customer`): each service is
 * asked for what its own database holds, as it is when a request comes through the gateway.
 */
export async function withLocalServices<T>(config: Config, body: (services: LocalServices) => Promise<T>): Promise<T> {
  const running = await serve({ config, ephemeralPorts: true, withoutGateway: true, seedCustomers: 0, log: () => undefined });
  try {
    return await body({
      async request<TData>(subgraph: SubgraphName, query: string, variables: Record<string, unknown>, caller: Caller) {
        const url = running.subgraphs.find((s) => s.name === subgraph)?.url;
        if (!url) throw new Error(`the ${subgraph} subgraph is not running`);
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [INTERNAL_CALLER_HEADER]: await signInternalToken(caller, running.auth.internalSecret),
          },
          body: JSON.stringify({ query, variables }),
        });
        const result = (await response.json()) as { data?: TData; errors?: { message: string }[] };
        if (result.errors?.length || !result.data) {
          throw new Error(result.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status} from the ${subgraph} subgraph`);
        }
        return result.data;
      },
    });
  } finally {
    await running.stop();
  }
}
