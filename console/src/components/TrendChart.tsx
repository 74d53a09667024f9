import { useId } from 'react';
import { formatScore } from '../format';

export interface TrendPoint {
  month: string;
  score: number | null | undefined;
  indexed: number;
}

const WIDTH = 960;
const HEIGHT = 260;
const PAD = { top: 16, right: 16, bottom: 32, left: 40 };
const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
/** "2026-03" as "Mar 26". */
const labelOf = (month: string) => monthLabel.format(new Date(`${month}-01T00:00:00Z`));

const BANDS = [
  { from: 80, to: 100, name: 'exemplary' },
  { from: 60, to: 80, name: 'moderate' },
  { from: 0, to: 60, name: 'poor' },
];

/** The monthly trend as a line over the band zones, with the same figures in a table for screen readers. */
export function TrendChart({ points }: { points: readonly TrendPoint[] }) {
  const titleId = useId();
  const scored = points.filter((p) => p.score !== null && p.score !== undefined) as (TrendPoint & { score: number })[];
  const low = Math.max(0, Math.floor((Math.min(60, ...scored.map((p) => p.score)) - 5) / 10) * 10);
  const x = (i: number) => PAD.left + (points.length <= 1 ? 0 : (i * (WIDTH - PAD.left - PAD.right)) / (points.length - 1));
  const y = (score: number) => PAD.top + ((100 - score) * (HEIGHT - PAD.top - PAD.bottom)) / (100 - low);
  const line = points
    .map((p, i) => (p.score === null || p.score === undefined ? undefined : `${x(i).toFixed(1)},${y(p.score).toFixed(1)}`))
    .filter(Boolean)
    .join(' ');
  const ticks = Array.from({ length: (100 - low) / 10 + 1 }, (_, i) => low + i * 10);
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>
          Portfolio index by month, from {points[0]?.month} to {points.at(-1)?.month}
        </title>
        {BANDS.map((band) => {
          const top = y(Math.min(100, band.to));
          const bottom = y(Math.max(low, band.from));
          return bottom > top ? <rect key={band.name} className={`zone band-${band.name}`} x={PAD.left} y={top} width={WIDTH - PAD.left - PAD.right} height={bottom - top} /> : null;
        })}
        {ticks.map((tick) => (
          <g key={tick} className="tick">
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end">
              {tick}
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <text key={p.month} className="month" x={x(i)} y={HEIGHT - 10} textAnchor="middle">
            {(points.length - 1 - i) % 2 === 0 || points.length <= 8 ? labelOf(p.month) : ''}
          </text>
        ))}
        <polyline className="line" points={line} />
        {points.map((p, i) =>
          p.score === null || p.score === undefined ? null : (
            <circle key={p.month} className="point" cx={x(i)} cy={y(p.score)} r={3.5}>
              <title>
                {p.month}: {formatScore(p.score)}
              </title>
            </circle>
          ),
        )}
      </svg>
      <details>
        <summary>The trend as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Index</th>
              <th scope="col">Customers with an index</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.month}>
                <th scope="row">{p.month}</th>
                <td>{formatScore(p.score)}</td>
                <td>{p.indexed.toLocaleString('en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
