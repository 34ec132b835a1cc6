import type { Formatters } from '../../../common/format.ts';
import { useFormat } from '../hooks/useFormat.ts';
import type { AssetDetail } from '../lib/types.ts';
import { Badge } from './Badge.tsx';
import { EmptyState } from './EmptyState.tsx';

function interval(format: Formatters, p: AssetDetail['plans'][number], unit: string | null): string {
  const parts: string[] = [];
  if (p.intervalDays !== null) parts.push(`every ${format.number(p.intervalDays)} days`);
  if (p.intervalMeter !== null) parts.push(`every ${format.number(p.intervalMeter)} ${unit ?? ''}`.trim());
  return parts.join(' or ') || '—';
}

/** The asset's maintenance plans and when each is next due. */
export function PlansTable({ asset }: { asset: AssetDetail }) {
  const format = useFormat();
  if (asset.plans.length === 0) return <EmptyState title="No maintenance plans" />;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Plan</th>
            <th scope="col">Interval</th>
            <th scope="col" className="hide-narrow">
              Last done
            </th>
            <th scope="col">Next due</th>
          </tr>
        </thead>
        <tbody>
          {asset.plans.map((p) => (
            <tr key={p.id} data-testid="plan-row">
              <th scope="row">
                {p.title} <Badge code={p.priority} />
              </th>
              <td>{interval(format, p, asset.meterUnit)}</td>
              <td className="hide-narrow muted">{format.date(p.lastDoneAt)}</td>
              <td>
                <span className="due">
                  {p.due ? <Badge code="due" tone="danger" label="Due" /> : null}
                  {p.nextDueAt !== null ? (
                    <span title={format.date(p.nextDueAt)}>
                      {format.relativeDay(p.nextDueAt, Date.now())}
                    </span>
                  ) : null}
                  {p.meterRemaining !== null ? (
                    <span className="muted">
                      {p.meterRemaining > 0
                        ? `${format.number(p.meterRemaining)} ${asset.meterUnit ?? ''} to go`
                        : `${format.number(-p.meterRemaining)} ${asset.meterUnit ?? ''} over`}
                    </span>
                  ) : null}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
