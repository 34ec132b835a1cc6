import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { ROLE_LABELS } from '../lib/roles.ts';
import type { WorkOrderDetail } from '../lib/types.ts';
import { useTRPC } from '../trpc.ts';
import { Field } from './Field.tsx';
import { FormMessage } from './FormMessage.tsx';

/** A planner chooses who does the work. */
export function AssignForm({ order }: { order: WorkOrderDetail }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const users = useQuery(trpc.users.list.queryOptions());
  const [assignee, setAssignee] = useState(order.assigneeId === null ? '' : String(order.assigneeId));
  const form = useFeedback();
  const assign = useMutation(trpc.workOrders.assign.mutationOptions());

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!assignee) {
      form.invalid({ assignee: 'Choose someone' });
      return;
    }
    try {
      await assign.mutateAsync({ id: order.id, assigneeId: Number(assignee) });
      const name = users.data?.find((u) => String(u.id) === assignee)?.displayName ?? 'them';
      form.succeeded(`Assigned to ${name}`);
      void invalidate.workOrder(order.id);
    } catch (error) {
      form.failed(error, (p) => (p === 'assigneeId' ? 'assignee' : undefined));
    }
  };

  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate aria-label="Assign">
      <Field label="Assign to" error={form.fieldErrors.assignee}>
        {(c) => (
          <select
            {...c}
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
            data-testid="assignee-select"
          >
            <option value="">Choose a person…</option>
            {/* Disabled and not-yet-invited people cannot do work; the current assignee stays listed. */}
            {(users.data ?? [])
              .filter((u) => u.status === 'active' || String(u.id) === assignee)
              .map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.displayName} ({ROLE_LABELS[u.role]})
                </option>
              ))}
          </select>
        )}
      </Field>
      <div className="inline-form__submit">
        <button type="submit" className="button" disabled={assign.isPending}>
          {assign.isPending ? 'Assigning…' : 'Assign'}
        </button>
      </div>
      <FormMessage feedback={form.feedback} />
    </form>
  );
}
