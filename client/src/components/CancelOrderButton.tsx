import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorMessage } from '../lib/errors.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { Field } from './Field.tsx';

/** Cancels an open purchase order (planners), asking first and keeping the reason in the audit log. */
export function CancelOrderButton({ orderId }: { orderId: number }) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const [reason, setReason] = useState('');
  const cancel = useMutation(
    trpc.purchasing.cancel.mutationOptions({
      onSuccess: () => {
        toast.success(`PO #${orderId} cancelled`);
        void invalidate.purchaseOrder(orderId);
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  return (
    <div className="status-actions">
      <Field label="Reason for cancelling">
        {(props) => (
          <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        )}
      </Field>
      <ConfirmButton
        question={`Cancel purchase order #${orderId}?`}
        detail="Nothing has been received on it. The supplier is not told automatically."
        confirmLabel="Cancel the order"
        disabled={reason.trim().length < 3 || cancel.isPending}
        onConfirm={() => cancel.mutate({ id: orderId, reason: reason.trim() })}
        testId="cancel-order"
      >
        Cancel order
      </ConfirmButton>
    </div>
  );
}
