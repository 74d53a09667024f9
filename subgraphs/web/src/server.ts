import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createSubgraphServer, type SubgraphServerOptions } from '../../common/src/subgraph';
import type { WebContext } from './context';
import { resolvers } from './resolvers';

export const WEB_SCHEMA_PATH = path.resolve(__dirname, '..', 'schema.graphql');

/** The web subgraph's Apollo Server: schema built, not listening. */
export function createWebServer(options: SubgraphServerOptions = {}): ApolloServer<WebContext> {
  return createSubgraphServer<WebContext>({
    name: 'web',
    schemaPath: WEB_SCHEMA_PATH,
    // Codegen's resolver map is stricter than, but shaped like, the one buildSubgraphSchema takes.
    resolvers: resolvers as GraphQLResolverMap<WebContext>,
    logError: options.logError,
  });
}
