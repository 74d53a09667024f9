import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import type { LimitsConfig } from '../../../src/config';
import { LimitCode, armorMessage, limitError } from './limit-error';

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
export function useDocumentLimits(limits: Pick<LimitsConfig, 'maxDepth' | 'maxAliases' | 'maxStringLength'>): GatewayPlugin {
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
