import { getDirective } from '@graphql-tools/utils';
import { getNamedType, isScalarType, type GraphQLField, type GraphQLObjectType, type GraphQLOutputType, type GraphQLSchema } from 'graphql';

/*
 * Personal data is classified in each subgraph's schema, not guessed from field names: every field
 * that can carry text says whether it holds (or is derived from) personal data, on itself or on its
 * type. `@personal` fields must be guarded by `@auth` (./authorization.ts): a schema-walking test
 * fails on one a client can reach without a rule (docs/SECURITY.md, "Personal data").
 */

export const PERSONAL_DIRECTIVE = 'personal';
export const NOT_PERSONAL_DIRECTIVE = 'notPersonal';

/** The SDL every subgraph's schema.graphql declares (a unit test checks they all match). */
export const CLASSIFICATION_DIRECTIVES_SDL = [
  'directive @personal on FIELD_DEFINITION | OBJECT',
  'directive @notPersonal(why: String!) on FIELD_DEFINITION | OBJECT',
] as const;

export type Classification = 'personal' | 'not-personal';

/** Scalars that cannot carry text: a count, an amount, a flag, an instant. */
const TEXTLESS_SCALARS = new Set(['Int', 'Float', 'Boolean', 'DateTime']);

/** Whether values of this type can carry text, and so personal data (enums are fixed codes). */
export function carriesText(type: GraphQLOutputType): boolean {
  const named = getNamedType(type);
  return isScalarType(named) && !TEXTLESS_SCALARS.has(named.name);
}

function classificationOn(schema: GraphQLSchema, node: GraphQLObjectType | GraphQLField<unknown, unknown>): Classification | undefined {
  if (getDirective(schema, node, PERSONAL_DIRECTIVE)?.[0]) return 'personal';
  if (getDirective(schema, node, NOT_PERSONAL_DIRECTIVE)?.[0]) return 'not-personal';
  return undefined;
}

/** A field's classification: its own, else its type's; undefined when neither says. */
export function classificationOf(schema: GraphQLSchema, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Classification | undefined {
  return classificationOn(schema, field) ?? classificationOn(schema, type);
}
