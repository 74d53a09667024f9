import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, getNamedType, getNullableType, isCompositeType, isListType, isObjectType } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../../../src/contract/paging';
import { MAX_TREND_MONTHS } from '../../../src/insights/report';
import { LimitCode, limitError } from './limit-error';

/** Plain lists (not connections) have no `first`; the cost estimate assumes this many items. */
export const ASSUMED_LIST_SIZE = 10;

/**
 * The portfolio report's cost per index it computes (the as-of instant, then one per trend month):
 * each reads every customer's partials, so a long trend cannot ride along with large lists.
 */
export const REPORT_COST_PER_POINT = 250;

/** Field selections, fragments expanded, beyond which a document is refused without estimating. */
const MAX_EXPANDED_SELECTIONS = 10_000;

/**
 * Cost of one field for graphql-query-complexity: an object costs 1 and a scalar 0; a connection
 * (a field with `first` whose type has `edges`) multiplies its selection by `first`, or by
 * `defaultPageSize` when the argument is absent; a plain list multiplies by `assumedListSize`.
 * A connection's own `edges` list is not multiplied again.
 */
export function createListCostEstimator(defaultPageSize = DEFAULT_PAGE_SIZE, assumedListSize = ASSUMED_LIST_SIZE): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    // Introspection is only served in development, where GraphiQL's own query must pass.
    if (field.name.startsWith('__')) return 0;
    if (field.name === 'integrationIndexReport') {
      // Out of range is the resolver's to refuse, naming the argument.
      const months = typeof args.trendMonths === 'number' ? Math.min(Math.max(0, args.trendMonths), MAX_TREND_MONTHS) : 0;
      return REPORT_COST_PER_POINT * (1 + months) + childComplexity;
    }
    const namedType = getNamedType(field.type);
    const own = isCompositeType(namedType) ? 1 : 0;
    const isConnection = field.args.some((arg) => arg.name === 'first') && isObjectType(namedType) && 'edges' in namedType.getFields();
    if (isConnection) {
      const first = typeof args.first === 'number' ? Math.max(0, args.first) : defaultPageSize;
      return own + first * childComplexity;
    }
    const isEdgesOfConnection = field.name === 'edges' && type.name.endsWith('Connection');
    if (isListType(getNullableType(field.type)) && !isEdgesOfConnection) return assumedListSize * (own + childComplexity);
    return own + childComplexity;
  };
}

/**
 * Estimates each operation's cost from the document and its variables (so a variable `first`
 * counts) and refuses it above `maxCost` before anything is fetched. It runs at execution rather
 * than as a validation rule because Yoga caches validation by document, not by variables.
 */
export function useCostLimit(maxCost: number, estimator: ComplexityEstimator = createListCostEstimator()): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let cost: number;
      try {
        cost = getComplexity({
          schema: args.schema,
          query: args.document,
          variables: (args.variableValues ?? {}) as Record<string, unknown>,
          operationName: args.operationName ?? undefined,
          estimators: [estimator],
          maxQueryNodes: MAX_EXPANDED_SELECTIONS,
        });
      } catch (error) {
        if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) {
          setResultAndStopExecution({
            errors: [
              limitError(
                `Query has more than ${MAX_EXPANDED_SELECTIONS} field selections once its fragments are expanded`,
                LimitCode.COST,
                maxCost,
              ),
            ],
          });
        }
        // Bad variables: execution reports them itself, with their names.
        return;
      }
      if (cost > maxCost) {
        setResultAndStopExecution({
          errors: [
            limitError(
              `Query cost ${cost} exceeds the maximum of ${maxCost} (each list counts its \`first\`, ${DEFAULT_PAGE_SIZE} when absent)`,
              LimitCode.COST,
              maxCost,
              { cost },
            ),
          ],
        });
      }
    },
  };
}
