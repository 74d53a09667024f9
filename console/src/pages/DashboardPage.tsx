import { useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useGraphQL } from '../api/hooks';
import { ErrorNotice, Loading } from '../components/Status';
import { TrendChart } from '../components/TrendChart';
import { BAND_NAMES, CHANNEL_NAMES, formatDate, formatScore } from '../format';
import { graphql } from '../gql';
import type { IndexReportFilter } from '../gql/graphql';

const IndexDashboard = graphql(`
  query IndexDashboard($filter: IndexReportFilter, $trendMonths: Int) {
    integrationIndexReport(filter: $filter, trendMonths: $trendMonths) {
      asOf
      windowStart
      customers
      indexed
      score
      band
      bands { exemplary moderate poor none }
      channels { channel engagedCustomers accessibility consistency experience score }
      trend { month score indexed }
    }
  }
`);

const TREND_MONTHS = 12;
const FILTERS = ['storeId', 'country', 'cohort'] as const;

function Filters({ applied, onApply }: { applied: IndexReportFilter; onApply: (next: IndexReportFilter) => void }) {
  const [draft, setDraft] = useState<IndexReportFilter>(applied);
  const ids = { storeId: useId(), country: useId(), cohort: useId() };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const input = (name: (typeof FILTERS)[number], label: string, hint: string, extra: Record<string, string> = {}) => (
    <div className="filter">
      <label htmlFor={ids[name]}>{label}</label>
      <input id={ids[name]} value={draft[name] ?? ''} onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} placeholder={hint} {...extra} />
    </div>
  );
  return (
    <form className="filters card" onSubmit={submit} aria-label="Filter the report">
      {input('storeId', 'Store', 'e.g. GB-016', { autoComplete: 'off' })}
      {input('country', 'Country', 'e.g. GB', { maxLength: '2', autoComplete: 'off' })}
      {input('cohort', 'Cohort (first seen)', 'YYYY or YYYY-MM', { pattern: '\\d{4}(-\\d{2})?', autoComplete: 'off' })}
      <div className="filter-actions">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button
          type="button"
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}

function BandBars({ bands, customers }: { bands: { exemplary: number; moderate: number; poor: number; none: number }; customers: number }) {
  const rows = [
    { key: 'exemplary', label: 'Exemplary (80–100)', count: bands.exemplary },
    { key: 'moderate', label: 'Moderate (60–79)', count: bands.moderate },
    { key: 'poor', label: 'Poor (below 60)', count: bands.poor },
    { key: 'none', label: 'No index (no interaction in the window)', count: bands.none },
  ];
  return (
    <ul className="band-bars">
      {rows.map((row) => {
        const share = customers > 0 ? (100 * row.count) / customers : 0;
        return (
          <li key={row.key}>
            <span className="band-label">{row.label}</span>
            <span className="bar" aria-hidden="true">
              <span className={`fill band-${row.key}`} style={{ width: `${share}%` }} />
            </span>
            <span className="band-count">
              {row.count.toLocaleString('en-GB')} ({share.toFixed(0)}%)
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** The portfolio Integration Index: score and band, band distribution, monthly trend, channel means, filters. */
export function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const filter: IndexReportFilter = Object.fromEntries(FILTERS.flatMap((name) => (params.get(name) ? [[name, params.get(name)!]] : [])));
  const result = useGraphQL(IndexDashboard, { filter, trendMonths: TREND_MONTHS });
  const report = result.data?.data?.integrationIndexReport;
  const apply = (next: IndexReportFilter) => {
    const entries = Object.entries(next).filter(([, value]) => typeof value === 'string' && value.trim() !== '');
    setParams(Object.fromEntries(entries.map(([name, value]) => [name, (value as string).trim()])));
  };
  const applied = FILTERS.filter((name) => filter[name]);
  return (
    <>
      <h1>Integration Index</h1>
      <Filters key={params.toString()} applied={filter} onApply={apply} />
      <p aria-live="polite" className="hint">
        {applied.length > 0 ? `Filtered by ${applied.map((name) => `${name === 'storeId' ? 'store' : name} ${filter[name]}`).join(', ')}.` : 'All customers.'}
      </p>
      {result.isPending && <Loading what="the report" />}
      {result.error && <ErrorNotice error={result.error} />}
      {result.data && !report && <ErrorNotice error={result.data.errors[0]?.message ?? 'The report could not be computed'} />}
      {report && (
        <div className="dashboard" aria-busy={result.isFetching}>
          <section className="card headline" aria-labelledby="portfolio-heading">
            <h2 id="portfolio-heading">Portfolio</h2>
            <p className="index-score">
              <span className={`score band-${(report.band ?? '').toLowerCase()}`}>{formatScore(report.score)}</span>{' '}
              <span className="band-name">{report.band ? BAND_NAMES[report.band] : 'no index'}</span>
            </p>
            <p className="hint">
              Mean index of {report.indexed.toLocaleString('en-GB')} of {report.customers.toLocaleString('en-GB')} customers, over the 365 days to {formatDate(report.asOf)}.
            </p>
          </section>
          <section className="card" aria-labelledby="bands-heading">
            <h2 id="bands-heading">Customers by band</h2>
            <BandBars bands={report.bands} customers={report.customers} />
          </section>
          <section className="card wide" aria-labelledby="trend-heading">
            <h2 id="trend-heading">Monthly trend</h2>
            <TrendChart points={report.trend} />
          </section>
          <section className="card wide" aria-labelledby="channels-heading">
            <h2 id="channels-heading">Channel means</h2>
            <table className="components">
              <caption className="visually-hidden">Mean accessibility, consistency, experience and score per channel, over the customers engaged on it</caption>
              <thead>
                <tr>
                  <th scope="col">Channel</th>
                  <th scope="col">Engaged customers</th>
                  <th scope="col">Accessibility</th>
                  <th scope="col">Consistency</th>
                  <th scope="col">Experience</th>
                  <th scope="col">Score</th>
                </tr>
              </thead>
              <tbody>
                {report.channels.map((channel) => (
                  <tr key={channel.channel}>
                    <th scope="row">{CHANNEL_NAMES[channel.channel] ?? channel.channel}</th>
                    <td>{channel.engagedCustomers.toLocaleString('en-GB')}</td>
                    <td>{formatScore(channel.accessibility)}</td>
                    <td>{formatScore(channel.consistency)}</td>
                    <td>{formatScore(channel.experience)}</td>
                    <td>{formatScore(channel.score)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </>
  );
}
