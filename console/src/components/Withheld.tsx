import type { ReactNode } from 'react';
import type { GraphQLErrorShape } from '../api/graphql';
import { withheldAt, withheldReason } from '../api/withheld';

/** Marks a value the gateway withheld from this caller: never shown as if it were empty. */
export function Withheld({ error }: { error: GraphQLErrorShape }) {
  const reason = withheldReason(error);
  return (
    <span className="withheld" title={`Withheld: ${reason}`}>
      <svg aria-hidden="true" viewBox="0 0 16 16" width="11" height="11" className="lock">
        <path d="M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z" />
      </svg>
      Withheld<span className="visually-hidden">: {reason}</span>
    </span>
  );
}

/**
 * A field's value: withheld (FORBIDDEN at `path`), absent ("none"), or `children(value)`.
 */
export function FieldValue<T>({
  value,
  path,
  errors,
  children,
}: {
  value: T | null | undefined;
  path: readonly (string | number)[];
  errors: readonly GraphQLErrorShape[];
  children: (value: T) => ReactNode;
}) {
  const withheld = withheldAt(errors, path);
  if (withheld) return <Withheld error={withheld} />;
  if (value === null || value === undefined) {
    return (
      <span className="none">
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">none</span>
      </span>
    );
  }
  return <>{children(value)}</>;
}
