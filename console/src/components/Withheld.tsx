import type { ReactNode } from 'react';
import type { GraphQLErrorShape } from '../api/graphql';
import { withheldAt, withheldReason } from '../api/withheld';

/** Marks a value the gateway withheld from this caller: never shown as if it were empty. */
export function Withheld({ error }: { error: GraphQLErrorShape }) {
  const reason = withheldReason(error);
  return (
    <span className="withheld" title={`Withheld: ${reason}`}>
      <span aria-hidden="true">🔒 </span>Withheld<span className="visually-hidden">: {reason}</span>
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
