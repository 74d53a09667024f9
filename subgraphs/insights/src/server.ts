import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createSubgraphServer, type SubgraphServerOptions } from '../../common/src/subgraph';
import type { InsightsContext } from './context';
import { resolvers } from './resolvers';

export const INSIGHTS_SCHEMA_PATH = path.resolve(__dirname, '..', 'schema.graphql');

/** The insights subgraph's Apollo Server: schema built, not listening. */
export function createInsightsServer(options: SubgraphServerOptions = {}): ApolloServer<InsightsContext> {
  return createSubgraphServer<InsightsContext>({
    name: 'insights',
    schemaPath: INSIGHTS_SCHEMA_PATH,
    // Codegen's resolver map is stricter than, but shaped like, the one buildSubgraphSchema takes.
    resolvers: resolvers as GraphQLResolverMap<InsightsContext>,
    logError: options.logError,
  });
}
