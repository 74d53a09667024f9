import path from 'node:path';
import type { ApolloServer } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { createSubgraphServer, type SubgraphServerOptions } from '../../common/src/subgraph';
import type { CrmContext } from './context';
import { resolvers } from './resolvers';

export const CRM_SCHEMA_PATH = path.resolve(__dirname, '..', 'schema.graphql');

/** The crm subgraph's Apollo Server: schema built, not listening. */
export function createCrmServer(options: SubgraphServerOptions = {}): ApolloServer<CrmContext> {
  return createSubgraphServer<CrmContext>({
    name: 'crm',
    schemaPath: CRM_SCHEMA_PATH,
    // Codegen's resolver map is stricter than, but shaped like, the one buildSubgraphSchema takes.
    resolvers: resolvers as GraphQLResolverMap<CrmContext>,
    logError: options.logError,
  });
}
