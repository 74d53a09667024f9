import { useEffect, useRef, useState } from 'react';
import { useGraphQLPages } from '../../api/hooks';
import { withheldAt } from '../../api/withheld';
import { QueryStatus, Section } from '../../components/Section';
import { Withheld } from '../../components/Withheld';
import { CHANNEL_NAMES, formatDateTime, formatMoney } from '../../format';
import { graphql } from '../../gql';
import type { Channel, TimelineKind } from '../../gql/graphql';

const CustomerTimeline = graphql(`
  query CustomerTimeline($id: ID!, $after: String, $channels: [Channel!], $kinds: [TimelineKind!]) {
    customer(id: $id) {
      id
      timeline(first: 10, after: $after, channels: $channels, kinds: $kinds) {
        totalCount
        edges {
          cursor
          node {
            at
            channel
            kind
            entityId
            crmCase { caseId subject status channel csat }
            webSession { sessionId eventCount outcome devices }
            posTransaction { transactionId type storeId totals { amount currency } }
          }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`);

const CHANNELS: Channel[] = ['CRM', 'WEB', 'POS'];
const KINDS: { kind: TimelineKind; label: string }[] = [
  { kind: 'CASE', label: 'Service cases' },
  { kind: 'SESSION', label: 'Web sessions' },
  { kind: 'SALE', label: 'Sales' },
  { kind: 'RETURN', label: 'Returns' },
];
const OUTCOMES: Record<string, string> = { ORDERED: 'ordered', ABANDONED_CART: 'left a full cart', BROWSED: 'browsed' };

function Checkboxes<T extends string>({ legend, options, selected, onChange }: { legend: string; options: { value: T; label: string }[]; selected: T[]; onChange: (next: T[]) => void }) {
  return (
    <fieldset className="checkboxes">
      <legend>{legend}</legend>
      {options.map(({ value, label }) => (
        <label key={value}>
          <input
            type="checkbox"
            checked={selected.includes(value)}
            onChange={(event) => onChange(event.target.checked ? [...selected, value] : selected.filter((s) => s !== value))}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** Every interaction, newest first, filtered by channel and kind, loading more as it scrolls into view. */
export function Timeline({ id }: { id: string }) {
  const [channels, setChannels] = useState<Channel[]>([]);
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const pages = useGraphQLPages(
    CustomerTimeline,
    { id, channels: channels.length > 0 ? channels : null, kinds: kinds.length > 0 ? kinds : null },
    (data) => data?.customer?.timeline.pageInfo,
  );
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;

  useEffect(() => {
    const target = sentinel.current;
    if (!target || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    }, { rootMargin: '200px' });
    observer.observe(target);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const results = pages.data?.pages ?? [];
  const entries = results.flatMap((page, pageIndex) => (page.data?.customer?.timeline.edges ?? []).map((edge, i) => ({ edge, page: page, pageIndex, i })));
  const total = results[0]?.data?.customer?.timeline.totalCount;

  return (
    <Section id="timeline-heading" heading="Timeline" className="timeline">
      <div className="filters">
        <Checkboxes legend="Channels" options={CHANNELS.map((value) => ({ value, label: CHANNEL_NAMES[value] ?? value }))} selected={channels} onChange={setChannels} />
        <Checkboxes legend="Kinds" options={KINDS.map(({ kind, label }) => ({ value: kind, label }))} selected={kinds} onChange={setKinds} />
      </div>
      <p aria-live="polite" className="hint">
        {total !== undefined && `${total.toLocaleString('en-GB')} interactions${channels.length + kinds.length > 0 ? ' match the filters' : ''}; showing ${entries.length}.`}
      </p>
      <QueryStatus query={{ isPending: pages.isPending, error: pages.error }} what="the timeline" />
      <ol className="timeline-entries">
        {entries.map(({ edge, page, i }) => {
          const { node } = edge;
          const path = ['customer', 'timeline', 'edges', i, 'node'];
          const subjectWithheld = withheldAt(page.errors, [...path, 'crmCase', 'subject']);
          return (
            <li key={edge.cursor} className={`entry entry-${node.channel.toLowerCase()}`}>
              <time dateTime={node.at}>{formatDateTime(node.at)}</time>
              <span className="entry-channel">{CHANNEL_NAMES[node.channel] ?? node.channel}</span>
              <span className="entry-detail">
                {node.crmCase && (
                  <>
                    Case <code>{node.crmCase.caseId}</code> by {node.crmCase.channel.toLowerCase()}:{' '}
                    {subjectWithheld ? <Withheld error={subjectWithheld} /> : <q>{node.crmCase.subject}</q>} — {node.crmCase.status.toLowerCase()}
                    {node.crmCase.csat ? `, rated ${node.crmCase.csat} of 5` : ''}
                  </>
                )}
                {node.webSession && (
                  <>
                    Session of {node.webSession.eventCount} events on {node.webSession.devices.map((d) => d.toLowerCase()).join(', ') || 'an unknown device'}:{' '}
                    {OUTCOMES[node.webSession.outcome] ?? node.webSession.outcome}
                  </>
                )}
                {node.posTransaction && (
                  <>
                    {node.posTransaction.type === 'RETURN' ? 'Return' : 'Sale'} at store {node.posTransaction.storeId}:{' '}
                    {node.posTransaction.totals.map((t) => formatMoney(t.amount, t.currency)).join(' + ')}
                  </>
                )}
                {!node.crmCase && !node.webSession && !node.posTransaction && (
                  <>
                    {node.kind.toLowerCase()} <code>{node.entityId}</code> (its channel did not answer)
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ol>
      <div ref={sentinel} />
      {hasNextPage && (
        <button type="button" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? 'Loading more…' : 'Load more'}
        </button>
      )}
    </Section>
  );
}
