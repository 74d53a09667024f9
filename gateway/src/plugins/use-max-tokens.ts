import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { LimitCode, armorMessage, limitError } from './limit-error';

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
