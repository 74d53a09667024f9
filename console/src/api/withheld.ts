import type { GraphQLErrorShape } from './graphql';

type Path = readonly (string | number)[];

function samePath(a: Path | undefined, b: Path): boolean {
  return !!a && a.length === b.length && a.every((part, i) => part === b[i]);
}

/** The FORBIDDEN error at `path`: the field was withheld from this caller, not empty. */
export function withheldAt(errors: readonly GraphQLErrorShape[], path: Path): GraphQLErrorShape | undefined {
  return errors.find((error) => error.extensions?.code === 'FORBIDDEN' && samePath(error.path, path));
}

/** Why a field was withheld, in words. */
export function withheldReason(error: GraphQLErrorShape): string {
  if (error.extensions?.reason === 'CONSENT_WITHHELD') return "the customer has not consented to it being shown to your role";
  const roles = error.extensions?.allowedRoles ?? [];
  return roles.length > 0 ? `only ${roles.join(', ')} may see it` : 'your role may not see it';
}
