import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, getVariableValues, GraphQLError } from 'graphql';

/**
 * Coerces the request's variables against the supergraph before anything is planned, refusing
 * the request (graphql-js's "Variable "$id" got invalid value …" errors) when they do not fit
 * their declared types. Hive Router's query plan executor (@graphql-hive/router-runtime) forwards
 * variables to the subgraphs as they came; without this, an operator object sent as an `ID` would
 * travel to a subgraph before anything refused it.
 */
export function useVariableCoercion(): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation?.variableDefinitions?.length) return;
      const coerced = getVariableValues(args.schema, operation.variableDefinitions, args.variableValues ?? {}, { maxErrors: 10 });
      if (!coerced.errors) return;
      // A request error, answered with 400 as graphql-js's own executor does in Yoga.
      setResultAndStopExecution({
        errors: coerced.errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, http: { status: 400 } } })),
      });
    },
  };
}
