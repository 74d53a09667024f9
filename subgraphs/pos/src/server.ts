import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createSubgraphServer, type SubgraphServerOptions } from '../../common/src/subgraph';
import type { PosContext } from './context';
import { resolvers } from './resolvers';

export const POS_SCHEMA_PATH = path.resolve(__dirname, '..', 'schema.graphql');

/** The pos subgraph's Apollo Server: schema built, not listening. */
export function createPosServer(options: SubgraphServerOptions = {}): ApolloServer<PosContext> {
  return createSubgraphServer<PosContext>({
    name: 'pos',
    schemaPath: POS_SCHEMA_PATH,
    // Codegen's resolver map is stricter than, but shaped like, the one buildSubgraphSchema takes.
    resolvers: resolvers as GraphQLResolverMap<PosContext>,
    logError: options.logError,
  });
}
