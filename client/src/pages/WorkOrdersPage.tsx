import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useLocation } from 'wouter';
import { PRIORITIES, type Priority, WORK_ORDER_STATUSES } from '../../../common/work-order-status.ts';
import { BoardColumn, type BoardFilter } from '../components/BoardColumn.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { WorkOrderForm } from '../components/WorkOrderForm.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useUrlParams } from '../hooks/useUrlParams.ts';
import { useUser } from '../hooks/useUser.ts';
import { humanise } from '../lib/format.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import './WorkOrdersPage.css';

const positiveId = (text: string | null): number | undefined => {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The board's filters as the address holds them (`?assignee=5&priority=urgent&asset=12`). */
function useBoardFilter(): [BoardFilter, (patch: Record<string, string | null>) => void] {
  const [params, update] = useUrlParams();
  const assignee = params.get('assignee');
  const assigneeId = assignee === 'none' ? 'none' : positiveId(assignee);
  const assetId = positiveId(params.get('asset'));
  const priority = PRIORITIES.find((p) => p === params.get('priority'));
  const filter: BoardFilter = {
    ...(assigneeId !== undefined ? { assigneeId } : {}),
    ...(assetId !== undefined ? { assetId } : {}),
    ...(priority !== undefined ? { priority } : {}),
  };
  return [filter, update];
}

/** The work order board: one column per status, narrowed to my work, an asset, a priority or a person. */
export function WorkOrdersPage() {
  useDocumentTitle('Work orders');
  const trpc = useTRPC();
  const me = useUser();
  const [, navigate] = useLocation();
  const [creating, setCreating] = useState(false);
  const [filter, update] = useBoardFilter();
  const counts = useQuery(trpc.workOrders.counts.queryOptions(filter));
  const [now] = useState(() => Date.now());
  const mine = filter.assigneeId === me.id;
  const filtered = Object.keys(filter).length > 0;

  return (
    <div className="page page--wide">
      <PageHeader
        title="Work orders"
        actions={
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating((c) => !c)}
            aria-expanded={creating}
            data-testid="new-work-order"
          >
            {creating ? 'Close form' : 'New work order'}
          </button>
        }
      />
      {creating ? (
        <section className="card" aria-label="New work order">
          <h2 className="card__title">New work order</h2>
          <WorkOrderForm
            onCancel={() => setCreating(false)}
            onCreated={(id) => {
              toast.success(`Created work order #${id}`);
              navigate(`/work-orders/${id}`);
            }}
          />
        </section>
      ) : null}
      <div className="wo-filters">
        <button
          type="button"
          className={`button${mine ? ' button--primary' : ''}`}
          aria-pressed={mine}
          onClick={() => update({ assignee: mine ? null : String(me.id) })}
          data-testid="my-work"
        >
          My work
        </button>
        <BoardFilters filter={filter} update={update} />
        {filtered ? (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => update({ assignee: null, asset: null, priority: null })}
          >
            Show all work
          </button>
        ) : null}
      </div>
      <nav className="status-jump" aria-label="Jump to a status">
        {WORK_ORDER_STATUSES.map((s) => (
          <a key={s} href={`#col-${s}`} className="status-jump__link">
            {humanise(s)} <span className="board__count">{counts.data?.[s] ?? '…'}</span>
          </a>
        ))}
      </nav>
      <div className="board">
        {WORK_ORDER_STATUSES.map((s) => (
          <BoardColumn key={s} status={s} filter={filter} count={counts.data?.[s]} now={now} />
        ))}
      </div>
    </div>
  );
}

function BoardFilters({
  filter,
  update,
}: {
  filter: BoardFilter;
  update: (patch: Record<string, string | null>) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const assets = useQuery(trpc.assets.list.queryOptions({ limit: 500 }, { staleTime: 60_000 }));
  const users = useQuery(trpc.users.list.queryOptions(undefined, { staleTime: 60_000 }));
  return (
    <fieldset className="wo-filters__fields">
      <legend className="visually-hidden">Filter the board</legend>
      <div className="field">
        <label htmlFor={`${id}-assignee`}>Assignee</label>
        <select
          id={`${id}-assignee`}
          value={filter.assigneeId === undefined ? '' : String(filter.assigneeId)}
          onChange={(e) => update({ assignee: e.target.value })}
          data-testid="filter-assignee"
        >
          <option value="">Anyone</option>
          <option value="none">Nobody yet</option>
          {(users.data ?? []).map((u) => (
            <option key={u.id} value={u.id}>
              {u.displayName}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-priority`}>Priority</label>
        <select
          id={`${id}-priority`}
          value={filter.priority ?? ''}
          onChange={(e) => update({ priority: e.target.value })}
          data-testid="filter-priority"
        >
          <option value="">Any priority</option>
          {[...PRIORITIES].reverse().map((p: Priority) => (
            <option key={p} value={p}>
              {humanise(p)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-asset`}>Asset</label>
        <select
          id={`${id}-asset`}
          value={filter.assetId === undefined ? '' : String(filter.assetId)}
          onChange={(e) => update({ asset: e.target.value })}
          data-testid="filter-asset"
        >
          <option value="">Any asset</option>
          {(assets.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.tag} · {a.name}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
