import { useCallback, useState } from 'react';
import type { FieldErrors } from '../lib/errors.ts';
import { useFeedback } from './useFeedback.ts';
import { useInvalidate } from './useInvalidate.ts';
import { useSubmissionKey } from './useSubmissionKey.ts';

/** Server input paths of the stock procedures, mapped to the forms' field names. */
const FIELD_FOR: Record<string, string> = {
  qty: 'qty',
  countedQty: 'qty',
  delta: 'qty',
  locationId: 'bin',
  fromLocationId: 'bin',
  toLocationId: 'to',
  lot: 'lot',
  reason: 'reason',
};

export type StockResult = {
  itemId: number;
  stock: { locationId: number; code: string; lot: string; onHand: number; reserved: number }[];
  replayed: boolean;
};

/**
 * The shared submit path of the stock forms: one idempotency key per submission (reused on retry),
 * pending state covering bin look-ups too, inline errors per field, and a refetch of everything the
 * change touched.
 */
export function useStockSubmit(itemId: number) {
  const feedback = useFeedback();
  const keys = useSubmissionKey();
  const invalidate = useInvalidate();
  const [pending, setPending] = useState(false);

  const submit = useCallback(
    async <R extends StockResult>(
      prepare: () => Promise<
        | { ok: false; errors: FieldErrors }
        | { ok: true; values: object; send: (key: string) => Promise<R>; describe: (r: R) => string }
      >,
    ): Promise<boolean> => {
      setPending(true);
      try {
        const prepared = await prepare();
        if (!prepared.ok) {
          feedback.invalid(prepared.errors);
          return false;
        }
        const result = await prepared.send(keys.keyFor(prepared.values));
        keys.settle();
        feedback.succeeded(prepared.describe(result));
        void invalidate.stock(itemId);
        return true;
      } catch (error) {
        feedback.failed(error, (path) => FIELD_FOR[path]);
        return false;
      } finally {
        setPending(false);
      }
    },
    [feedback, keys, invalidate, itemId],
  );

  return {
    submit,
    pending,
    feedback: feedback.feedback,
    errors: feedback.fieldErrors,
    reset: feedback.reset,
  };
}

/** On hand at one bin and lot after an operation, from its result. */
export function onHandAfter(result: StockResult, locationId: number, lot: string): number {
  return result.stock.find((s) => s.locationId === locationId && s.lot === lot)?.onHand ?? 0;
}
