import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createSubgraphServer, type SubgraphServerOptions } from '../../common/src/subgraph';
import type { IdentityContext } from './context';
import { resolvers } from './resolvers';

export const IDENTITY_SCHEMA_PATH = path.resolve(__dirname, '..', 'schema.graphql');

/** The identity subgraph's Apollo Server: schema built, not listening. */
export function createIdentityServer(options: SubgraphServerOptions = {}): ApolloServer<IdentityContext> {
  return createSubgraphServer<IdentityContext>({
    name: 'identity',
    schemaPath: IDENTITY_SCHEMA_PATH,
    // Codegen's resolver map is stricter than, but shaped like, the one buildSubgraphSchema takes.
    resolvers: resolvers as GraphQLResolverMap<IdentityContext>,
    logError: options.logError,
  });
}
