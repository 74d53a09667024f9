import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { createBearerVerifier } from '../../src/auth/bearer';
import type { Caller } from '../../src/auth/caller';
import { AuthenticationError } from '../../src/auth/errors';
import { INTERNAL_CALLER_HEADER, signInternalToken } from '../../src/auth/internal';
import type { AuthSettings } from '../../src/auth/secrets';

interface ApolloGatewayContext {
  caller: Caller;
}

/**
 * Serves the same supergraph through Apollo's gateway, so tests can prove a team on Apollo's stack
 * gets the same answers as from Hive Gateway. It authenticates as Omnidex's gateway does: the
 * bearer token is verified, and every subgraph fetch carries the caller signed with the stack's
 * internal secret. Usage reporting stays off: APOLLO_TELEMETRY_DISABLED=1 (test/support/env.ts)
 * and no APOLLO_KEY.
 */
export async function startApolloGateway(
  supergraphSdl: string,
  subgraphUrls: Record<string, string>,
  auth: AuthSettings,
): Promise<{ url: string; stop(): Promise<void> }> {
  const verify = createBearerVerifier(auth.bearer);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new (class extends RemoteGraphQLDataSource<ApolloGatewayContext> {
        override async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<ApolloGatewayContext>['willSendRequest']>>[0]) {
          if (!context.caller) return;
          request.http?.headers.set(INTERNAL_CALLER_HEADER, await signInternalToken(context.caller, auth.internalSecret));
        }
      })({ url: subgraphUrls[name] ?? url }),
  });
  const server = new ApolloServer<ApolloGatewayContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      try {
        return { caller: await verify(req.headers.authorization) };
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
      }
    },
  });
  return { url, stop: () => server.stop() };
}
