import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import type { GatewayConfigBase, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { LimitsConfig } from '../../src/config';
import { alsoOnSubscribe } from './plugins/also-on-subscribe';
import { persistedDocumentsOption } from './plugins/persisted-documents';
import { useCostLimit } from './plugins/use-cost-limit';
import { useDocumentLimits } from './plugins/use-document-limits';
import { useMaxTokens } from './plugins/use-max-tokens';
import { useRateLimit } from './plugins/use-rate-limit';
import { useVariableLengthLimit } from './plugins/use-variable-length-limit';

/** The subset of LimitsConfig the GraphQL limits read. */
export type GraphQLLimits = Pick<
  LimitsConfig,
  'maxDepth' | 'maxAliases' | 'maxTokens' | 'maxCost' | 'maxStringLength' | 'rateLimit' | 'persistedOnly'
> & {
  /** Allowed documents by SHA-256 hex hash (see `loadPersistedDocuments`). */
  persistedDocuments?: ReadonlyMap<string, string>;
};

/**
 * Everything the gateway enforces on a GraphQL request, as runtime options and plugins: token,
 * depth, alias, string-length and cost limits, the per-caller rate limit, trusted documents,
 * and, outside development, no introspection and no "did you mean" field suggestions.
 */
export function createLimits(
  limits: GraphQLLimits,
  development: boolean,
  callerOfRequest: (request: Request) => string | undefined = () => undefined,
): Pick<GatewayConfigBase<Record<string, unknown>>, 'persistedDocuments' | 'disableIntrospection'> & { plugins: GatewayPlugin[] } {
  const plugins: GatewayPlugin[] = [];
  // Before any plugin that authenticates, so an anonymous flood is turned away first.
  if (limits.rateLimit) plugins.push(useRateLimit({ ...limits.rateLimit, callerOfRequest }));
  plugins.push(
    useMaxTokens(limits.maxTokens),
    useDocumentLimits(limits),
    alsoOnSubscribe(useVariableLengthLimit(limits.maxStringLength)),
    alsoOnSubscribe(useCostLimit(limits.maxCost)),
  );
  if (!development) plugins.push(blockFieldSuggestionsPlugin() as GatewayPlugin);
  return {
    plugins,
    ...(development ? {} : { disableIntrospection: {} }),
    ...(limits.persistedDocuments ? { persistedDocuments: persistedDocumentsOption(limits.persistedDocuments, limits.persistedOnly) } : {}),
  };
}
