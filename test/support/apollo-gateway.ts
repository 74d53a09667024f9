import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';

/**
 * Serves the same supergraph through Apollo's gateway, so tests can prove a team on Apollo's stack
 * gets the same answers as from Hive Gateway. Usage reporting stays off: APOLLO_TELEMETRY_DISABLED=1
 * (test/support/env.ts) and no APOLLO_KEY.
 */
export async function startApolloGateway(
  supergraphSdl: string,
  subgraphUrls: Record<string, string>,
): Promise<{ url: string; stop(): Promise<void> }> {
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: subgraphUrls[name] ?? url }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}
