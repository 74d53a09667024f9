import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, Kind, type ASTVisitor, type SelectionNode, type ValidationContext } from 'graphql';
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

/**
 * Root fields so costly that an operation may ask for each once: the portfolio report reads every
 * customer's partials (aliased twenty times it was twenty full reports, security review finding 8).
 */
export const ONCE_PER_OPERATION = ['integrationIndexReport'] as const;

/** Refuses an operation selecting one of `fields` more than once (aliases and fragments counted). */
export function oncePerOperationRule(fields: readonly string[]) {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const seen = new Map<string, number>();
      const visit = (selections: readonly SelectionNode[], fragmentsSeen: Set<string>) => {
        for (const selection of selections) {
          if (selection.kind === Kind.FIELD && fields.includes(selection.name.value)) seen.set(selection.name.value, (seen.get(selection.name.value) ?? 0) + 1);
          else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet.selections, fragmentsSeen);
          else if (selection.kind === Kind.FRAGMENT_SPREAD && !fragmentsSeen.has(selection.name.value)) {
            const fragment = context.getFragment(selection.name.value);
            if (fragment) visit(fragment.selectionSet.selections, new Set([...fragmentsSeen, selection.name.value]));
          }
        }
      };
      visit(node.selectionSet.selections, new Set());
      for (const [field, count] of seen) {
        if (count > 1) {
          context.reportError(
            new GraphQLError(`An operation may ask for ${field} once; this one asks ${count} times`, {
              nodes: node,
              extensions: { code: LimitCode.ONCE_PER_OPERATION, field, limit: 1 },
            }),
          );
        }
      }
    },
  });
}

/** Depth, aliases, literal lengths and once-only fields: checks of the document alone, run with GraphQL validation. */
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
  const onceRule = oncePerOperationRule(ONCE_PER_OPERATION);
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(depthRule);
      addValidationRule(aliasesRule);
      addValidationRule(literalRule);
      addValidationRule(onceRule);
    },
  };
}
