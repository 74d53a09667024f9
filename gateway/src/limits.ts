import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import type { GatewayConfigBase, GatewayPlugin } from '@graphql-hive/gateway-runtime';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  type ASTVisitor,
  type GraphQLErrorExtensions,
  type ValidationContext,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DEFAULT_PAGE_SIZE } from '../../src/contract/paging';
import type { LimitsConfig } from '../../src/config';

/**
 * The `extensions.code` of each limit's rejection. Clients branch on these; the message names the
 * limit and its value for the people reading it.
 */
export const LimitCode = {
  DEPTH: 'QUERY_DEPTH_LIMIT',
  ALIASES: 'QUERY_ALIAS_LIMIT',
  TOKENS: 'QUERY_TOKEN_LIMIT',
  COST: 'QUERY_COST_LIMIT',
  STRING_LENGTH: 'STRING_LENGTH_LIMIT',
  RATE: 'RATE_LIMITED',
  PERSISTED_ONLY: 'PERSISTED_QUERY_ONLY',
  PERSISTED_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
} as const;

/** Plain lists (not connections) have no `first`; the cost estimate assumes this many items. */
export const ASSUMED_LIST_SIZE = 10;

/** Field selections, fragments expanded, beyond which a document is refused without estimating. */
const MAX_EXPANDED_SELECTIONS = 10_000;

function limitError(message: string, code: string, limit: number, extra: GraphQLErrorExtensions = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, ...extra } });
}

/** The subset of LimitsConfig the GraphQL limits read. */
export type GraphQLLimits = Pick<
  LimitsConfig,
  'maxDepth' | 'maxAliases' | 'maxTokens' | 'maxCost' | 'maxStringLength' | 'rateLimit' | 'persistedOnly'
> & {
  /** Allowed documents by SHA-256 hex hash (see `loadPersistedDocuments`). */
  persistedDocuments?: ReadonlyMap<string, string>;
};

// graphql-armor words every rejection as a "Syntax Error:", which misleads for a well-formed
// document that is merely too large; the rest of its message names the limit and the value found.
function armorMessage(error: GraphQLError): string {
  return error.message.replace(/^Syntax Error:\s*/, '');
}

/**
 * Refuses documents with more than `n` lexical tokens while parsing them, before the parser
 * builds a large AST (graphql-armor's token-counting parser).
 */
export function useMaxTokens(n: number): GatewayPlugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) =>
        new MaxTokensParserWLexer(source, {
          ...options,
          n,
          onReject: [
            (_context, error) => {
              throw limitError(armorMessage(error), LimitCode.TOKENS, n);
            },
          ],
        }).parseDocument(),
      );
    },
  };
}

/** Rejects string literals longer than `maxLength` characters anywhere in the document. */
export function stringLiteralLengthRule(maxLength: number) {
  return (context: ValidationContext): ASTVisitor => ({
    StringValue(node) {
      if (node.value.length > maxLength) {
        context.reportError(
          new GraphQLError(`A string argument is ${node.value.length} characters long; the maximum is ${maxLength}`, {
            nodes: node,
            extensions: { code: LimitCode.STRING_LENGTH, limit: maxLength },
          }),
        );
      }
    },
  });
}

/** Depth, aliases and literal lengths: checks of the document alone, run with GraphQL validation. */
export function useDocumentLimits(limits: Pick<GraphQLLimits, 'maxDepth' | 'maxAliases' | 'maxStringLength'>): GatewayPlugin {
  const depthRule = maxDepthRule({
    n: limits.maxDepth,
    propagateOnRejection: false,
    onReject: [(context, error) => context?.reportError(limitError(armorMessage(error), LimitCode.DEPTH, limits.maxDepth))],
  });
  const aliasesRule = maxAliasesRule({
    n: limits.maxAliases,
    propagateOnRejection: false,
    onReject: [(context, error) => context?.reportError(limitError(armorMessage(error), LimitCode.ALIASES, limits.maxAliases))],
  });
  const literalRule = stringLiteralLengthRule(limits.maxStringLength);
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(depthRule);
      addValidationRule(aliasesRule);
      addValidationRule(literalRule);
    },
  };
}

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

/** The first string in `value` longer than `maxLength`, with its path, walking iteratively. */
export function findLongString(value: unknown, maxLength: number): { path: string; length: number } | undefined {
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.length > maxLength) return { path: item.path, length: item.value.length };
    } else if (Array.isArray(item.value)) {
      item.value.forEach((element, index) => stack.push({ value: element, path: `${item.path}[${index}]` }));
    } else if (item.value !== null && typeof item.value === 'object') {
      for (const [key, element] of Object.entries(item.value)) stack.push({ value: element, path: `${item.path}.${key}` });
    }
  }
  return undefined;
}

/** Refuses variables holding a string longer than `maxLength`, naming the variable. */
export function useVariableLengthLimit(maxLength: number): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const found = findLongString(args.variableValues ?? {}, maxLength);
      if (!found) return;
      setResultAndStopExecution({
        errors: [
          limitError(
            `Variable $${found.path.slice(1)} is ${found.length} characters long; the maximum is ${maxLength}`,
            LimitCode.STRING_LENGTH,
            maxLength,
          ),
        ],
      });
    },
  };
}

export interface RateLimitOptions {
  requests: number;
  windowSeconds: number;
  /** The verified caller's id, once authentication has put it in the GraphQL context. */
  callerOf?: (context: Record<string, unknown>) => string | undefined;
}

function defaultCallerOf(context: Record<string, unknown>): string | undefined {
  const caller = context.caller as { sub?: unknown } | undefined;
  return typeof caller?.sub === 'string' ? caller.sub : undefined;
}

function remoteAddress(serverContext: unknown): string {
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? 'unknown';
}

function rateLimitError(options: RateLimitOptions, who: string, msBeforeNext: number): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new GraphQLError(
    `Rate limit of ${options.requests} requests per ${options.windowSeconds} s exceeded for ${who}; retry in ${retryAfter} s`,
    {
      extensions: {
        code: LimitCode.RATE,
        limit: options.requests,
        windowSeconds: options.windowSeconds,
        http: { status: 429, headers: { 'retry-after': String(retryAfter) } },
      },
    },
  );
}

/**
 * A per-caller request budget (rate-limiter-flexible, in memory: one budget per gateway replica).
 * Authenticated operations spend the budget of the JWT's `sub`. Requests that authenticate no one
 * spend their IP address's: those without an `Authorization` header before anything else is done
 * for them, those whose token is refused (401) once it is, so guessing tokens is limited too
 * without letting one address's failures lock out the valid tokens sent from it.
 */
export function useRateLimit(options: RateLimitOptions): GatewayPlugin {
  const limiter = new RateLimiterMemory({ points: options.requests, duration: options.windowSeconds });
  const callerOf = options.callerOf ?? defaultCallerOf;
  async function consume(key: string): Promise<number | undefined> {
    try {
      await limiter.consume(key);
      return undefined;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return rejection.msBeforeNext;
      throw rejection;
    }
  }
  function rateLimitResponse(fetchAPI: { Response: typeof Response }, address: string, waitMs: number): Response {
    const error = rateLimitError(options, `address ${address}`, waitMs);
    const { http, ...extensions } = error.extensions as { http: { headers: Record<string, string> } };
    return new fetchAPI.Response(JSON.stringify({ errors: [{ message: error.message, extensions }] }), {
      status: 429,
      headers: { 'content-type': 'application/json; charset=utf-8', ...http.headers },
    });
  }
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== '/graphql' || request.headers.get('authorization')) return;
      const address = remoteAddress(serverContext);
      const waitMs = await consume(`ip:${address}`);
      if (waitMs !== undefined) endResponse(rateLimitResponse(fetchAPI, address, waitMs));
    },
    async onResponse({ request, response, serverContext, setResponse, fetchAPI }) {
      if (response.status !== 401 || !request.headers.get('authorization')) return;
      const address = remoteAddress(serverContext);
      const waitMs = await consume(`ip:${address}`);
      if (waitMs !== undefined) setResponse(rateLimitResponse(fetchAPI, address, waitMs));
    },
    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as Record<string, unknown>;
      const sub = callerOf(context);
      // Without a verified caller the request was already counted by address in onRequest.
      if (sub === undefined) return;
      const waitMs = await consume(`sub:${sub}`);
      if (waitMs !== undefined) setResultAndStopExecution({ errors: [rateLimitError(options, `caller ${sub}`, waitMs)] });
    },
  };
}

/** SHA-256 of a document, in hex: the key clients send as `extensions.persistedQuery.sha256Hash`. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/**
 * Reads a trusted-documents file: a JSON object mapping each document's SHA-256 hex hash to the
 * document text (the format of GraphQL Codegen's client preset and Hive's app deployments). Every
 * hash is checked against its document, so the file cannot allow more than it shows.
 */
export function loadPersistedDocuments(filePath: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error) {
    throw new Error(`Persisted documents file ${filePath} could not be read as JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`Persisted documents file ${filePath} must be a JSON object of { "<sha256 hex>": "<document>" }`);
  }
  const documents = new Map<string, string>();
  for (const [hash, document] of Object.entries(parsed)) {
    if (typeof document !== 'string') throw new Error(`Persisted documents file ${filePath}: entry ${hash} is not a string`);
    const actual = documentHash(document);
    if (actual !== hash.toLowerCase()) {
      throw new Error(`Persisted documents file ${filePath}: entry ${hash} does not match its document (SHA-256 ${actual})`);
    }
    documents.set(actual, document);
  }
  return documents;
}

function persistedHashOf(params: { extensions?: Record<string, unknown>; documentId?: unknown } | undefined): string | undefined {
  const persistedQuery = params?.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  const hash = persistedQuery?.sha256Hash ?? params?.documentId;
  return typeof hash === 'string' ? hash : undefined;
}

/** The runtime's `persistedDocuments` option over an in-memory map of trusted documents. */
export function persistedDocumentsOption(
  documents: ReadonlyMap<string, string>,
  persistedOnly: boolean,
): NonNullable<GatewayConfigBase<Record<string, unknown>>['persistedDocuments']> {
  return {
    getPersistedOperation: (key: string) => documents.get(key.toLowerCase()) ?? null,
    allowArbitraryDocuments: !persistedOnly,
    customErrors: {
      notFound: (payload) =>
        new GraphQLError(`No persisted document has the hash ${JSON.stringify(persistedHashOf(payload.params) ?? '')}`, {
          extensions: { code: LimitCode.PERSISTED_NOT_FOUND, http: { status: 400 } },
        }),
      persistedQueryOnly: () =>
        new GraphQLError(
          'Only persisted documents are accepted: send extensions.persistedQuery.sha256Hash (or documentId) of an allowed document',
          { extensions: { code: LimitCode.PERSISTED_ONLY, http: { status: 400 } } },
        ),
      keyNotFound: () =>
        new GraphQLError('Only persisted documents are accepted, and this request names none', {
          extensions: { code: LimitCode.PERSISTED_ONLY, http: { status: 400 } },
        }),
    },
  };
}

/**
 * Everything the gateway enforces on a GraphQL request, as runtime options and plugins: token,
 * depth, alias, string-length and cost limits, the per-caller rate limit, trusted documents,
 * and, outside development, no introspection and no "did you mean" field suggestions.
 */
export function createLimits(
  limits: GraphQLLimits,
  development: boolean,
): Pick<GatewayConfigBase<Record<string, unknown>>, 'persistedDocuments' | 'disableIntrospection'> & { plugins: GatewayPlugin[] } {
  const plugins: GatewayPlugin[] = [];
  // Before any plugin that authenticates, so an anonymous flood is turned away first.
  if (limits.rateLimit) plugins.push(useRateLimit(limits.rateLimit));
  plugins.push(
    useMaxTokens(limits.maxTokens),
    useDocumentLimits(limits),
    useVariableLengthLimit(limits.maxStringLength),
    useCostLimit(limits.maxCost),
  );
  if (!development) plugins.push(blockFieldSuggestionsPlugin() as GatewayPlugin);
  return {
    plugins,
    ...(development ? {} : { disableIntrospection: {} }),
    ...(limits.persistedDocuments ? { persistedDocuments: persistedDocumentsOption(limits.persistedDocuments, limits.persistedOnly) } : {}),
  };
}

const JSON_MEDIA_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/**
 * A POST body Yoga would refuse with an empty 415: answer with a JSON error that says what to
 * send instead. Returns undefined when the content type is fine.
 */
export function unsupportedContentType(method: string | undefined, headers: IncomingHttpHeaders): string | undefined {
  if (method !== 'POST') return undefined;
  const contentType = headers['content-type'];
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (JSON_MEDIA_TYPES.has(mediaType)) return undefined;
  return `Content-Type ${contentType ? JSON.stringify(contentType) : '(none)'} is not accepted; send the GraphQL request as application/json`;
}
