import type { MongoClientOptions } from 'mongodb';
import { loadConfig } from '../../src/config';
import { serve, type RunningOmnidex } from '../../src/serve';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  body: { data?: TData | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

/** POSTs one GraphQL operation, as any client would. */
export async function postGraphQL<TData = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<TData>['body'] };
}

export interface Stack extends RunningOmnidex {
  gatewayUrl: string;
  /** Runs an operation through the gateway and fails the test on any GraphQL error. */
  query<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<TData>;
}

/**
 * Boots the whole of Omnidex for a test: the embedded database in memory, every subgraph and the
 * gateway, each on a free port, exactly as `omnidex serve` wires them.
 */
export async function startStack(
  options: { seedCustomers?: number; clientOptions?: MongoClientOptions } = {},
): Promise<Stack> {
  const running = await serve({
    config: loadConfig({ OMNIDEX_DEV: 'false' }),
    inMemory: true,
    ephemeralPorts: true,
    seedCustomers: options.seedCustomers ?? 0,
    clientOptions: options.clientOptions,
    log: () => undefined,
    gatewayLogLevel: false,
  });
  const gatewayUrl = running.gateway!.url;
  return Object.assign(running, {
    gatewayUrl,
    async query<TData>(query: string, variables?: Record<string, unknown>): Promise<TData> {
      const { status, body } = await postGraphQL<TData>(gatewayUrl, query, variables);
      if (status !== 200 || body.errors?.length || !body.data) {
        throw new Error(`GraphQL request failed (HTTP ${status}): ${JSON.stringify(body.errors ?? body)}`);
      }
      return body.data;
    },
  });
}
