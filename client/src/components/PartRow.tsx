import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { useSubmissionKey } from '../hooks/useSubmissionKey.ts';
import { errorMessage } from '../lib/errors.ts';
import type { WorkOrderDetail } from '../lib/types.ts';
import { parseQty } from '../lib/validate.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import './PartRow.css';

type Part = WorkOrderDetail['parts'][number];

/** One reserved part: use some (a pick from its bin) or give the rest back, if `canAct`. */
export function PartRow({ order, part, canAct }: { order: WorkOrderDetail; part: Part; canAct: boolean }) {
  const format = useFormat();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const keys = useSubmissionKey();
  const left = part.qtyReserved - part.qtyConsumed;
  const [qty, setQty] = useState(String(Math.max(left, 1)));
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    void invalidate.workOrder(order.id);
    void invalidate.stock(part.itemId);
  };
  const consume = useMutation(trpc.workOrders.consumePart.mutationOptions());
  const release = useMutation(
    trpc.workOrders.releasePart.mutationOptions({
      onSuccess: () => {
        toast.success(`Released ${format.number(left)} ${part.unit} of ${part.name} back to ${part.code}`);
        refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const canConsume = order.status === 'in_progress';

  const onConsume = async (e: FormEvent) => {
    e.preventDefault();
    const q = parseQty(qty);
    if (!q.ok) {
      setError(q.error);
      return;
    }
    setError(null);
    const input = { workOrderId: order.id, partId: part.id, qty: q.value };
    try {
      await consume.mutateAsync({ ...input, idempotencyKey: keys.keyFor(input) });
      keys.settle();
      toast.success(`Used ${format.number(q.value)} ${part.unit} of ${part.name} from ${part.code}`);
      refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const qtyId = `part-${part.id}-qty`;
  return (
    <tr data-testid="part-row">
      <th scope="row">
        <Link href={`/items/${part.itemId}`}>{part.name}</Link>
        <span className="cell-sub mono">
          {part.sku} · {part.code}
          {part.lot ? ` · lot ${part.lot}` : ''}
        </span>
      </th>
      <td className="num" data-label="Reserved">
        {format.number(part.qtyReserved)}
      </td>
      <td className="num" data-label="Used">
        {format.number(part.qtyConsumed)}
      </td>
      <td>
        {canAct && (left > 0 || canConsume) ? (
          <div className="part-actions">
            <form className="part-actions__consume" onSubmit={onConsume} noValidate>
              <label htmlFor={qtyId} className="visually-hidden">
                Quantity of {part.name} to use
              </label>
              <input
                id={qtyId}
                className="input--small"
                inputMode="numeric"
                value={qty}
                onChange={(e) => setQty(e.target.value)}
                disabled={!canConsume}
                aria-invalid={error !== null}
                aria-describedby={error ? `${qtyId}-error` : undefined}
              />
              <button
                type="submit"
                className="button button--small"
                disabled={!canConsume || consume.isPending}
                title={canConsume ? undefined : 'Start the work order to use parts'}
              >
                Use
              </button>
            </form>
            {left > 0 ? (
              <ConfirmButton
                className="button button--small button--ghost"
                question={`Release ${format.number(left)} ${part.unit} of ${part.name}?`}
                detail={<p>The reservation ends and the parts become available to others again.</p>}
                confirmLabel="Release"
                onConfirm={() => release.mutate({ workOrderId: order.id, partId: part.id })}
                disabled={release.isPending}
              >
                Release
              </ConfirmButton>
            ) : null}
          </div>
        ) : (
          <span className="muted">
            {left > 0 ? 'Reserved' : part.qtyConsumed === 0 ? 'Released' : 'Used'}
          </span>
        )}
        {error ? (
          <p className="field__error" id={`${qtyId}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
