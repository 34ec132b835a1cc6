import { useMutation } from '@tanstack/react-query';
import type { Formatters } from '../../../common/format.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorMessage } from '../lib/errors.ts';
import type { AssetDetail } from '../lib/types.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { Badge } from './Badge.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { EmptyState } from './EmptyState.tsx';

type Plan = AssetDetail['plans'][number];

function interval(format: Formatters, p: Plan, unit: string | null): string {
  const parts: string[] = [];
  if (p.intervalDays !== null) parts.push(`every ${format.number(p.intervalDays)} days`);
  if (p.intervalMeter !== null) parts.push(`every ${format.number(p.intervalMeter)} ${unit ?? ''}`.trim());
  return parts.join(' or ') || '—';
}

/** "3 tasks · 2.5 h · kit: 6 × Oil filter" */
function contents(format: Formatters, p: Plan): string {
  const parts: string[] = [];
  if (p.checklist.length > 0) parts.push(`${p.checklist.length} task${p.checklist.length === 1 ? '' : 's'}`);
  if (p.estimatedHours !== null) parts.push(`${format.number(p.estimatedHours)} h`);
  if (p.kit.length > 0)
    parts.push(`kit: ${p.kit.map((k) => `${format.number(k.qty)} × ${k.name}`).join(', ')}`);
  return parts.join(' · ');
}

/** The asset's maintenance plans, when each is next due, and (for planners) edit and archive. */
export function PlansTable({
  asset,
  onEdit,
}: {
  asset: AssetDetail;
  /** Set for planners on a live asset: the plan to edit. */
  onEdit?: ((plan: Plan) => void) | undefined;
}) {
  const format = useFormat();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const archive = useMutation(
    trpc.plans.archive.mutationOptions({
      onSuccess: () => {
        toast.success('Archived the plan; it raises no more work');
        void invalidate.asset(asset.id);
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  if (asset.plans.length === 0) {
    return (
      <EmptyState title="No maintenance plans">
        {onEdit ? <p>Add one to have its work orders raised when it falls due.</p> : null}
      </EmptyState>
    );
  }
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
            {onEdit ? <th scope="col">Actions</th> : null}
          </tr>
        </thead>
        <tbody>
          {asset.plans.map((p) => (
            <tr key={p.id} data-testid="plan-row" className={p.archivedAt !== null ? 'muted' : undefined}>
              <th scope="row">
                {p.title} <Badge code={p.priority} />
                {p.archivedAt !== null ? <Badge code="archived" /> : null}
                {contents(format, p) ? <span className="cell-sub">{contents(format, p)}</span> : null}
              </th>
              <td>{interval(format, p, asset.meterUnit)}</td>
              <td className="hide-narrow muted">{format.date(p.lastDoneAt)}</td>
              <td>
                {p.archivedAt !== null ? (
                  '—'
                ) : (
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
                )}
              </td>
              {onEdit ? (
                <td>
                  {p.archivedAt === null ? (
                    <div className="button-row">
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => onEdit(p)}
                        data-testid="plan-edit"
                      >
                        Edit<span className="visually-hidden"> {p.title}</span>
                      </button>
                      <ConfirmButton
                        className="button button--small button--danger-outline"
                        question={`Archive the plan “${p.title}”?`}
                        detail={
                          <p>
                            It raises no more work orders. Its history stays on this page, and a work order it
                            has already raised stays open.
                          </p>
                        }
                        confirmLabel="Archive plan"
                        onConfirm={() => archive.mutate({ id: p.id })}
                        disabled={archive.isPending}
                        testId="plan-archive"
                      >
                        Archive<span className="visually-hidden"> {p.title}</span>
                      </ConfirmButton>
                    </div>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
