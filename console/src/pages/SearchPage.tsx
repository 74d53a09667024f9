import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useGraphQLPages } from '../api/hooks';
import { withheldAt } from '../api/withheld';
import { useSession, hasRole } from '../auth/session';
import { Highlight } from '../components/Highlight';
import { ErrorNotice } from '../components/Status';
import { Withheld } from '../components/Withheld';
import { CHANNEL_NAMES, FIELD_NAMES, formatDate } from '../format';
import { graphql } from '../gql';

const SearchCustomers = graphql(`
  query SearchCustomers($query: String!, $after: String) {
    searchCustomers(query: $query, first: 20, after: $after) {
      edges {
        cursor
        score
        node {
          id
          createdAt
          channels
        }
        matches {
          field
          value
          fuzzy
          highlights {
            start
            length
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const MIN_LENGTH = 2;
const DEBOUNCE_MS = 150;

/** The value of `value` once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Search as you type: names (with a typo), email prefixes, phones, postcodes, loyalty ids. */
export function SearchPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const query = useDebounced(text.trim(), DEBOUNCE_MS);
  const inputId = useId();
  const hintId = useId();
  const ready = query.length >= MIN_LENGTH;
  const pages = useGraphQLPages(SearchCustomers, { query }, (data) => data?.searchCustomers?.pageInfo, { enabled: ready });

  useEffect(() => {
    setParams(query ? { q: query } : {}, { replace: true });
  }, [query, setParams]);

  const errors = pages.data?.pages.flatMap((page) => page.errors) ?? [];
  const withheld = withheldAt(errors, ['searchCustomers']);
  const edges = pages.data?.pages.flatMap((page) => page.data?.searchCustomers?.edges ?? []) ?? [];
  const searching = ready && pages.isFetching && !pages.isFetchingNextPage;

  return (
    <>
      <h1>Find a customer</h1>
      <form className="search" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={inputId}>Name, email, phone, postcode or loyalty id</label>
        <input
          id={inputId}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={hintId}
          autoFocus
        />
        <p id={hintId} className="hint">
          Names match by the start of each word, with accents and one typo forgiven; emails by their start; phones in any format.
        </p>
      </form>
      {!hasRole(session, 'agent', 'admin') && (
        <p className="notice">Searching reveals that a person exists, so it is for agents and admins; your role may still open a customer by id.</p>
      )}
      <div aria-live="polite" className="result-count">
        {searching && 'Searching…'}
        {!searching && ready && !withheld && pages.isSuccess && (edges.length === 0
            ? `No customer matches “${query}”.`
            : edges.length === 1 && !pages.hasNextPage
              ? `1 customer matches “${query}”.`
              : `${edges.length}${pages.hasNextPage ? '+' : ''} customers match “${query}”.`)}
      </div>
      {pages.error && <ErrorNotice error={pages.error} />}
      {withheld && (
        <p className="notice">
          Search results are <Withheld error={withheld} /> from your role.
        </p>
      )}
      {edges.length > 0 && (
        <ol className="results">
          {edges.map(({ node, matches, cursor }) => (
            <li key={cursor}>
              <Link to={`/customers/${encodeURIComponent(node.id)}`} className="result">
                <span className="result-matches">
                  {matches.map((match, i) => (
                    <span key={i} className={`match match-${match.field.toLowerCase()}`}>
                      <span className="match-field">{FIELD_NAMES[match.field] ?? match.field}</span>{' '}
                      <span className="match-value">
                        <Highlight text={match.value} ranges={match.highlights} />
                      </span>
                      {match.fuzzy && <span className="badge">close spelling</span>}
                    </span>
                  ))}
                </span>
                <span className="result-meta">
                  <code>{node.id}</code> · {node.channels.map((channel) => CHANNEL_NAMES[channel] ?? channel).join(', ')} · since {formatDate(node.createdAt)}
                </span>
              </Link>
            </li>
          ))}
        </ol>
      )}
      {pages.hasNextPage && (
        <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {pages.isFetchingNextPage ? 'Loading more…' : 'More results'}
        </button>
      )}
      {!ready && text.trim().length > 0 && <p className="hint">Type at least {MIN_LENGTH} characters.</p>}
    </>
  );
}
