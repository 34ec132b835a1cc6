import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { allowedNext, type WorkOrderStatus } from '../../../common/work-order-status.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorMessage } from '../lib/errors.ts';
import { humanise } from '../lib/format.ts';
import type { WorkOrderDetail } from '../lib/types.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { Field } from './Field.tsx';

function labelFor(from: WorkOrderStatus, to: WorkOrderStatus): string {
  switch (to) {
    case 'open':
      return 'Unassign (back to open)';
    case 'assigned':
      return 'Mark assigned';
    case 'in_progress':
      return from === 'on_hold' ? 'Resume work' : 'Start work';
    case 'on_hold':
      return 'Put on hold';
    case 'done':
      return 'Mark done';
    case 'cancelled':
      return 'Cancel work order';
  }
}

/**
 * The moves the status machine allows from here, with an optional note for the history. `takes`: the
 * user would take this unassigned work order by acting on it ("Take it" is offered).
 */
export function StatusActions({
  order,
  canAssign,
  takes,
}: {
  order: WorkOrderDetail;
  canAssign: boolean;
  takes: boolean;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [note, setNote] = useState('');
  const transition = useMutation(
    trpc.workOrders.transition.mutationOptions({
      onSuccess: (_r, vars) => {
        toast.success(`Work order #${order.id} is now ${humanise(vars.to).toLowerCase()}`);
        setNote('');
        void invalidate.workOrder(order.id);
        for (const p of order.parts) void invalidate.stock(p.itemId);
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  // Only a planner can choose an assignee; anyone else is offered "assigned" only to take it themselves.
  const next = allowedNext(order.status).filter(
    (to) => to !== 'assigned' || order.assigneeId !== null || canAssign || takes,
  );
  if (next.length === 0) {
    return (
      <p className="muted">
        This work order is {humanise(order.status).toLowerCase()} and can no longer change.
      </p>
    );
  }
  const go = (to: WorkOrderStatus) => transition.mutate({ id: order.id, to, note: note.trim() });
  const reserved = order.parts.reduce((n, p) => n + p.qtyReserved - p.qtyConsumed, 0);
  const unticked = order.tasks.filter((t) => t.doneAt === null).length;
  return (
    <div className="status-actions">
      <Field label="Note for the history (optional)">
        {(c) => (
          <input
            {...c}
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            data-testid="status-note"
          />
        )}
      </Field>
      <div className="button-row">
        {next.map((to) => {
          if (to === 'cancelled') {
            return (
              <ConfirmButton
                key={to}
                question={`Cancel work order #${order.id}?`}
                detail={
                  <p>
                    A cancelled work order cannot be reopened.
                    {reserved > 0 ? ` Its ${reserved} reserved part(s) go back to stock.` : ''}
                  </p>
                }
                confirmLabel="Cancel work order"
                onConfirm={() => go(to)}
                disabled={transition.isPending}
                testId="status-cancelled"
                className="button button--danger-outline"
              >
                {labelFor(order.status, to)}
              </ConfirmButton>
            );
          }
          if (to === 'done' && unticked > 0) {
            return (
              <ConfirmButton
                key={to}
                question={`Mark work order #${order.id} done with ${unticked} task${unticked === 1 ? '' : 's'} not ticked?`}
                detail={<p>The checklist stays as it is; say in the note why, if you can.</p>}
                confirmLabel="Mark done"
                onConfirm={() => go(to)}
                disabled={transition.isPending}
                testId="status-done"
                className="button button--primary"
              >
                {labelFor(order.status, to)}
              </ConfirmButton>
            );
          }
          const taking = to === 'assigned' && order.assigneeId === null && takes;
          const needsAssignee = to === 'assigned' && order.assigneeId === null && !takes;
          return (
            <button
              key={to}
              type="button"
              className={`button${to === 'done' || to === 'in_progress' ? ' button--primary' : ''}`}
              disabled={transition.isPending || needsAssignee}
              title={needsAssignee ? 'Assign someone first' : undefined}
              onClick={() => go(to)}
              data-testid={`status-${to}`}
            >
              {taking ? 'Take it' : labelFor(order.status, to)}
            </button>
          );
        })}
      </div>
      {canAssign && next.includes('assigned') && order.assigneeId === null ? (
        <p className="muted">To mark it assigned, choose who does it below.</p>
      ) : null}
    </div>
  );
}
