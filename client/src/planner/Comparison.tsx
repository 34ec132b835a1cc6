import { HISTOGRAM_WIDTH_M } from '../../../common/layout/simulation-result.ts';
import { useFormat } from '../hooks/useFormat.ts';
import type { Outputs } from '../trpc.ts';

type Simulation = NonNullable<Outputs['scenarios']['get']['simulation']>;

function change(c: number | null): string {
  if (c === null) return '—';
  const pct = Math.round(c * 1000) / 10;
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

/** Base and scenario figures side by side; lower is better for every row. */
export function ComparisonTable({ simulation }: { simulation: Simulation }) {
  const format = useFormat();
  return (
    <table className="table planner-compare" data-testid="planner-comparison">
      <caption>
        Last {simulation.days} days replayed ({format.number(simulation.lines)} lines, seed {simulation.seed})
      </caption>
      <thead>
        <tr>
          <th scope="col">Figure</th>
          <th scope="col">Base layout</th>
          <th scope="col">Scenario</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {simulation.comparison.map((row) => (
          <tr key={row.key} data-testid={`compare-${row.key}`}>
            <th scope="row">{row.label}</th>
            <td>
              {format.number(row.base)} {row.unit}
            </td>
            <td>
              {format.number(row.scenario)} {row.unit}
            </td>
            <td
              className={
                row.change !== null && row.change < 0 ? 'planner-better' : row.change ? 'planner-worse' : ''
              }
            >
              {change(row.change)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Orders by walking distance, base and scenario as paired bars per 10 m bucket. */
export function DistanceHistogram({ simulation }: { simulation: Simulation }) {
  const base = simulation.base.orderDistanceHistogram;
  const scen = simulation.scenario.orderDistanceHistogram;
  let last = 0;
  base.forEach((v, i) => {
    if (v > 0 || (scen[i] ?? 0) > 0) last = i;
  });
  const buckets = last + 1;
  const max = Math.max(1, ...base, ...scen);
  const w = 640;
  const h = 160;
  const bw = w / buckets;
  return (
    <figure className="planner-histogram" data-testid="planner-histogram">
      <svg
        viewBox={`0 0 ${w} ${h + 20}`}
        role="img"
        aria-label="Orders by walking distance, base and scenario"
      >
        {Array.from({ length: buckets }, (_, i) => {
          const b = ((base[i] ?? 0) / max) * h;
          const s = ((scen[i] ?? 0) / max) * h;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positions on a fixed axis
            <g key={i}>
              <rect x={i * bw + 1} y={h - b} width={bw / 2 - 1} height={b} className="planner-bar--base" />
              <rect
                x={i * bw + bw / 2}
                y={h - s}
                width={bw / 2 - 1}
                height={s}
                className="planner-bar--scenario"
              />
              {i % 5 === 0 ? (
                <text x={i * bw} y={h + 14} fontSize="10">
                  {i * HISTOGRAM_WIDTH_M} m
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="planner-key planner-key--base" /> base layout{' '}
        <span className="planner-key planner-key--scenario" /> scenario — orders per {HISTOGRAM_WIDTH_M} m of
        walking (their share of the pick list's walk)
      </figcaption>
    </figure>
  );
}
