import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorMessage } from '../lib/errors.ts';

import type { WorkOrderDetail } from '../lib/types.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import './Checklist.css';
import { useFormat } from '../hooks/useFormat.ts';

/**
 * The work order's tasks (copied from its maintenance plan) as tick boxes. Each tick goes to the
 * server at once and into the history; `canTick` is false where the server would refuse.
 */
export function Checklist({ order, canTick }: { order: WorkOrderDetail; canTick: boolean }) {
  const format = useFormat();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  // The box shows the tick as soon as it is clicked (set in the same event, so React keeps it);
  // a refusal puts it back.
  const [ticking, setTicking] = useState<{ taskId: number; done: boolean } | null>(null);
  const setTask = useMutation(
    trpc.workOrders.setTask.mutationOptions({
      // Pending until the work order has been read again, so the box never flips back meanwhile.
      onSuccess: () => invalidate.workOrder(order.id),
      onError: (e) => toast.error(errorMessage(e)),
      onSettled: () => setTicking(null),
    }),
  );
  const isDone = (task: WorkOrderDetail['tasks'][number]) =>
    ticking?.taskId === task.id ? ticking.done : task.doneAt !== null;
  const done = order.tasks.filter(isDone).length;
  return (
    <>
      <p className="muted" data-testid="checklist-progress">
        {done} of {order.tasks.length} done
      </p>
      <ul className="checklist" aria-label="Tasks">
        {order.tasks.map((task) => (
          <li key={task.id} className="checklist__task">
            <label>
              <input
                type="checkbox"
                checked={isDone(task)}
                disabled={!canTick || setTask.isPending}
                onChange={(e) => {
                  const change = { taskId: task.id, done: e.target.checked };
                  setTicking(change);
                  setTask.mutate({ workOrderId: order.id, ...change });
                }}
                data-testid="checklist-task"
              />
              <span>{task.text}</span>
            </label>
            {task.doneAt !== null ? (
              <span className="cell-sub">
                {task.doneBy ?? 'Someone'} · {format.dateTime(task.doneAt)}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
