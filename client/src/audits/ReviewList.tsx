import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { Badge, type Tone } from '../components/Badge.tsx';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { useJob } from '../hooks/useJob.ts';
import { errorMessage } from '../lib/errors.ts';
import { toast } from '../state/toasts.ts';
import { type Outputs, useTRPC } from '../trpc.ts';

type Audit = Outputs['droneAudits']['get'];
type Line = Audit['lines'][number];

const REVIEW_TONES: Record<Line['review'], Tone> = {
  none: 'neutral',
  pending: 'warning',
  approved: 'success',
  rejected: 'neutral',
  stale: 'danger',
};

/**
 * The discrepancies a flight found, for a planner to approve (the reading becomes a ledger count)
 * or reject. Bins that were rejected, went stale or could not be read can be flown again.
 */
export function ReviewList({ audit, canReview }: { audit: Audit; canReview: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  const [, navigate] = useLocation();
  const [reflyJob, setReflyJob] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries(trpc.droneAudits.pathFilter());
  const review = useMutation(
    trpc.droneAudits.review.mutationOptions({
      onSuccess: (results) => {
        const approved = results.filter((r) => r.result === 'approved').length;
        const stale = results.filter((r) => r.result === 'stale' || r.result === 'refused');
        if (approved > 0)
          toast.success(`${approved} count${approved === 1 ? '' : 's'} written to the ledger`);
        for (const s of stale) toast.error(s.message ?? 'Not counted');
        const items = new Set(
          audit.lines.filter((l) => results.some((r) => r.lineId === l.id)).map((l) => l.itemId),
        );
        for (const itemId of items) void invalidate.stock(itemId);
        void refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const refly = useMutation(
    trpc.droneAudits.refly.mutationOptions({
      onSuccess: (job) => setReflyJob(job.id),
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const job = useJob(reflyJob);
  const done = job.data?.status === 'done' ? (job.data.result as { auditId: number } | null) : null;
  useEffect(() => {
    if (done) navigate(`/audits/${done.auditId}`);
  }, [done, navigate]);

  const pending = audit.lines.filter((l) => l.review === 'pending');
  const decide = (lines: readonly Line[], decision: 'approve' | 'reject') =>
    review.mutate({ id: audit.id, decisions: lines.map((l) => ({ lineId: l.id, decision })) });

  return (
    <section className="card" data-testid="audit-review">
      <div className="audit-review__head">
        <h2>Discrepancies</h2>
        {canReview && pending.length > 1 ? (
          <ConfirmButton
            className="button"
            question={`Approve all ${pending.length} counts?`}
            detail="Each approved line is written to the stock ledger as a count of what the drone read."
            confirmLabel={`Write ${pending.length} counts`}
            disabled={review.isPending}
            onConfirm={() => decide(pending, 'approve')}
            testId="review-approve-all"
          >
            Approve all {pending.length}
          </ConfirmButton>
        ) : null}
        {canReview && audit.disputed.length > 0 ? (
          <button
            type="button"
            className="button"
            disabled={refly.isPending || job.data?.status === 'running'}
            onClick={() => refly.mutate({ id: audit.id })}
            data-testid="review-refly"
          >
            {job.data?.status === 'running'
              ? 'Planning re-flight…'
              : `Re-fly ${audit.disputed.length} disputed bin(s)`}
          </button>
        ) : null}
      </div>
      {audit.lines.length === 0 ? (
        <EmptyState title="Every bin read as the ledger says">
          <p>
            Nothing to reconcile
            {audit.occluded.length > 0 ? `; ${audit.occluded.length} bin(s) could not be read` : ''}.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Bin</th>
                <th scope="col">Item</th>
                <th scope="col" className="num">
                  Expected
                </th>
                <th scope="col" className="num">
                  Read
                </th>
                <th scope="col" className="num hide-narrow">
                  Confidence
                </th>
                <th scope="col">Finding</th>
                <th scope="col">Review</th>
              </tr>
            </thead>
            <tbody>
              {audit.lines.map((l) => (
                <tr key={l.id} data-testid="review-line" data-code={l.code} data-review={l.review}>
                  <th scope="row">
                    <Link href={`/bins/${encodeURIComponent(l.code)}`}>{l.code}</Link>
                  </th>
                  <td>
                    <Link href={`/items/${l.itemId}`}>{l.itemName}</Link>
                    {l.lot ? <span className="muted"> · lot {l.lot}</span> : null}
                  </td>
                  <td className="num">{l.expectedQty}</td>
                  <td className="num">{l.readQty}</td>
                  <td className="num hide-narrow">{Math.round(l.confidence * 100)}%</td>
                  <td>
                    <Badge code={l.outcome} tone={l.outcome === 'unexpected' ? 'accent' : 'warning'} />
                  </td>
                  <td>
                    {l.review === 'pending' && canReview ? (
                      <span className="button-row">
                        <button
                          type="button"
                          className="button button--primary"
                          disabled={review.isPending}
                          onClick={() => decide([l], 'approve')}
                          data-testid="review-approve"
                        >
                          Approve
                        </button>
                        <button
                          type="button"
                          className="button"
                          disabled={review.isPending}
                          onClick={() => decide([l], 'reject')}
                          data-testid="review-reject"
                        >
                          Reject
                        </button>
                      </span>
                    ) : (
                      <Badge code={l.review} tone={REVIEW_TONES[l.review]} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
