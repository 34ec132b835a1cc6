import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { workOrderAccess } from '../../../common/work-order-status.ts';
import { AssignForm } from '../components/AssignForm.tsx';
import { Badge } from '../components/Badge.tsx';
import { Checklist } from '../components/Checklist.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorState } from '../components/ErrorState.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PartRow } from '../components/PartRow.tsx';
import { ReservePartForm } from '../components/ReservePartForm.tsx';
import { StatusActions } from '../components/StatusActions.tsx';
import { WorkOrderHistory } from '../components/WorkOrderHistory.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useIdParam } from '../hooks/useIdParam.ts';
import { useUser } from '../hooks/useUser.ts';

import { isPlanner } from '../lib/roles.ts';
import type { WorkOrderDetail } from '../lib/types.ts';
import { useTRPC } from '../trpc.ts';
import { NotFoundPage } from './NotFoundPage.tsx';

export function WorkOrderPage() {
  const id = useIdParam();
  return id === null ? <NotFoundPage /> : <WorkOrderView id={id} />;
}

function WorkOrderView({ id }: { id: number }) {
  const trpc = useTRPC();
  const wo = useQuery(trpc.workOrders.get.queryOptions({ id }));
  useDocumentTitle(wo.data ? `WO #${id} ${wo.data.title}` : `WO #${id}`);
  const back = { href: '/work-orders', label: 'Work orders' };
  if (wo.isPending) return <Loading label="Loading work order…" />;
  if (wo.isError) {
    return (
      <div className="page">
        <PageHeader title={`Work order #${id}`} back={back} />
        <ErrorState error={wo.error} onRetry={() => void wo.refetch()} />
      </div>
    );
  }
  return <WorkOrderContent order={wo.data} />;
}

function WorkOrderContent({ order }: { order: WorkOrderDetail }) {
  const format = useFormat();
  const user = useUser();
  const final = order.status === 'done' || order.status === 'cancelled';
  // The same rule the server applies: what it would refuse is not offered, and the reason is shown.
  const access = workOrderAccess(user, order);
  return (
    <div className="page">
      <PageHeader
        title={
          <>
            <span className="muted">#{order.id}</span> {order.title}
          </>
        }
        back={{ href: '/work-orders', label: 'Work orders' }}
        subtitle={
          <span className="badges">
            <Badge code={order.status} /> <Badge code={order.priority} />
            {order.assetId !== null ? (
              <Link href={`/assets/${order.assetId}`}>{order.assetName ?? `Asset ${order.assetId}`}</Link>
            ) : null}
          </span>
        }
      />
      <div className="split">
        <div className="split__main">
          <section className="card" aria-labelledby="wo-summary">
            <h2 id="wo-summary" className="card__title">
              Summary
            </h2>
            <dl className="details">
              <div>
                <dt>Assigned to</dt>
                <dd>{order.assignee ?? 'Nobody yet'}</dd>
              </div>
              <div>
                <dt>Due</dt>
                <dd>{order.dueAt ? format.date(order.dueAt) : 'No date'}</dd>
              </div>
              {order.estimatedHours !== null ? (
                <div>
                  <dt>Estimated</dt>
                  <dd>{format.number(order.estimatedHours)} h</dd>
                </div>
              ) : null}
              <div>
                <dt>Created</dt>
                <dd>{format.dateTime(order.createdAt)}</dd>
              </div>
              {order.completedAt ? (
                <div>
                  <dt>Completed</dt>
                  <dd>{format.dateTime(order.completedAt)}</dd>
                </div>
              ) : null}
              <div className="details__wide">
                <dt>Description</dt>
                <dd className="prewrap">{order.description || '—'}</dd>
              </div>
            </dl>
          </section>
          {access.ok ? null : (
            <p className="notice notice--error" role="status" data-testid="wo-not-yours">
              {access.reason}.
            </p>
          )}
          {order.tasks.length > 0 ? (
            <section className="card" aria-labelledby="wo-checklist">
              <h2 id="wo-checklist" className="card__title">
                Checklist
              </h2>
              <Checklist order={order} canTick={access.ok && !final} />
            </section>
          ) : null}
          <section className="card" aria-labelledby="wo-parts">
            <h2 id="wo-parts" className="card__title">
              Parts
            </h2>
            {order.parts.length === 0 ? (
              <EmptyState title="No parts reserved" />
            ) : (
              <div className="table-wrap">
                <table className="table parts-table">
                  <thead>
                    <tr>
                      <th scope="col">Part</th>
                      <th scope="col" className="num">
                        Reserved
                      </th>
                      <th scope="col" className="num">
                        Used
                      </th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {order.parts.map((p) => (
                      <PartRow key={p.id} order={order} part={p} canAct={access.ok} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {order.status !== 'in_progress' && !final && access.ok && order.parts.length > 0 ? (
              <p className="muted">Start the work to use reserved parts.</p>
            ) : null}
            {final || !access.ok ? null : (
              <>
                <h3 className="card__subtitle">Reserve a part</h3>
                <ReservePartForm order={order} />
              </>
            )}
          </section>
        </div>
        <div className="split__side">
          <section className="card" aria-labelledby="wo-status">
            <h2 id="wo-status" className="card__title">
              Status
            </h2>
            {access.ok ? (
              <StatusActions order={order} canAssign={isPlanner(user.role)} takes={access.takes} />
            ) : (
              <p className="muted">Only the assignee or a planner can change its status.</p>
            )}
          </section>
          {isPlanner(user.role) && !final ? (
            <section className="card" aria-labelledby="wo-assign">
              <h2 id="wo-assign" className="card__title">
                Assignment
              </h2>
              <AssignForm order={order} />
            </section>
          ) : null}
          <section className="card" aria-labelledby="wo-history">
            <h2 id="wo-history" className="card__title">
              History
            </h2>
            <WorkOrderHistory events={order.events} />
          </section>
        </div>
      </div>
    </div>
  );
}
