import type { ReactNode } from 'react';

/** A region that says it is loading, to screen readers too. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorNotice({ error, children }: { error: unknown; children?: ReactNode }) {
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-notice" role="alert">
      <strong>Something went wrong.</strong> {message} {children}
    </div>
  );
}
