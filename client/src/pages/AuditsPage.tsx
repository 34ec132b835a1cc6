import { useQuery } from '@tanstack/react-query';
import { Link, useSearch } from 'wouter';
import { PlanForm } from '../audits/PlanForm.tsx';
import { formatDuration } from '../audits/track-view.ts';
import { Badge } from '../components/Badge.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useUser } from '../hooks/useUser.ts';
import { errorCode } from '../lib/errors.ts';
import { isPlanner } from '../lib/roles.ts';
import { useTRPC } from '../trpc.ts';

/** `/audits`: plan a drone cycle count (planners) and the audits so far. `?aisle=B` preselects aisle B. */
export function AuditsPage() {
  const format = useFormat();
  useDocumentTitle('Drone audits');
  const trpc = useTRPC();
  const planner = isPlanner(useUser().role);
  const aisle = new URLSearchParams(useSearch()).get('aisle');
  const current = useQuery(trpc.twin.current.queryOptions(undefined, { staleTime: 60_000 }));
  const audits = useQuery(trpc.droneAudits.list.queryOptions({ limit: 50 }));

  return (
    <div className="page">
      <PageHeader
        title="Drone audits"
        subtitle="Cycle counts flown by a drone over the rack faces, reconciled against the ledger"
      />
      {!planner ? null : current.isPending ? (
        <Loading label="Loading the facility layout…" />
      ) : current.isError ? (
        errorCode(current.error) === 'NOT_FOUND' ? (
          <EmptyState title="No facility layout has been published yet">
            <p>A drone audit flies over the racks of the published layout. Publish one first.</p>
          </EmptyState>
        ) : (
          <ErrorState
            error={current.error}
            title="The layout could not be loaded"
            onRetry={() => void current.refetch()}
          />
        )
      ) : (
        <PlanForm key={aisle ?? ''} facility={current.data.facility} initialAisle={aisle} />
      )}
      <section className="card">
        <h2>Audits</h2>
        {audits.isPending ? (
          <Loading label="Loading audits…" />
        ) : audits.isError ? (
          <ErrorState error={audits.error} onRetry={() => void audits.refetch()} />
        ) : audits.data.length === 0 ? (
          <EmptyState title="No drone audits yet">
            <p>{planner ? 'Plan one above.' : 'Planners plan them; they appear here.'}</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Audit</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Bins
                  </th>
                  <th scope="col" className="num">
                    Sorties
                  </th>
                  <th scope="col" className="num hide-narrow">
                    Duration
                  </th>
                  <th scope="col" className="num">
                    To review
                  </th>
                  <th scope="col" className="hide-narrow">
                    Planned
                  </th>
                </tr>
              </thead>
              <tbody>
                {audits.data.map((a) => (
                  <tr key={a.id} data-testid="audit-row">
                    <th scope="row">
                      <Link href={`/audits/${a.id}`}>Audit #{a.id}</Link>
                    </th>
                    <td>{a.label}</td>
                    <td>
                      <Badge code={a.status} tone={a.status === 'flown' ? 'success' : 'info'} />
                    </td>
                    <td className="num">{format.number(a.bins)}</td>
                    <td className="num">{a.sorties}</td>
                    <td className="num hide-narrow">{formatDuration(a.durationS)}</td>
                    <td className="num">
                      {a.pending > 0 ? (
                        <Badge code="pending" tone="warning" label={String(a.pending)} />
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="hide-narrow muted">{format.dateTime(a.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
