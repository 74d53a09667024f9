import type { ReactNode } from 'react';
import type { GraphQLErrorShape } from '../api/graphql';
import { ErrorNotice, Loading } from './Status';

/** A card of the customer page: a region named by its heading. */
export function Section({ id, heading, className, children }: { id: string; heading: string; className?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className={className ? `card ${className}` : 'card'}>
      <h2 id={id}>{heading}</h2>
      {children}
    </section>
  );
}

/**
 * What a section shows instead of its content: while its query runs, when it failed, or when the
 * answer lacks the section's part (`missing`; the response's first error says why).
 */
export function QueryStatus({
  query,
  what,
  missing,
}: {
  query: { isPending: boolean; error: unknown; data?: { errors: GraphQLErrorShape[] } };
  what: string;
  missing?: boolean;
}) {
  if (query.isPending) return <Loading what={what} />;
  if (query.error) return <ErrorNotice error={query.error} />;
  if (missing) return <ErrorNotice error={query.data?.errors[0]?.message ?? `${what} could not be read`} />;
  return null;
}
