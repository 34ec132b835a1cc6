import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'wouter';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useFormat } from '../hooks/useFormat.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import type { AssetDetail } from '../lib/types.ts';
import { parseReading } from '../lib/validate.ts';
import { useTRPC } from '../trpc.ts';
import { Field } from './Field.tsx';
import { FormMessage } from './FormMessage.tsx';

/** Record a meter reading; readings only go up, and may make maintenance due. */
export function MeterForm({ asset }: { asset: AssetDetail }) {
  const format = useFormat();
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const record = useMutation(trpc.assets.recordMeter.mutationOptions());
  const form = useFeedback();
  const [value, setValue] = useState('');
  const [raised, setRaised] = useState<number[]>([]);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const reading = parseReading(value);
    if (!reading.ok) {
      form.invalid({ value: reading.error });
      return;
    }
    if (reading.value < asset.meterValue) {
      form.invalid({
        value: `The meter already reads ${format.number(asset.meterValue)}; a reading cannot go back`,
      });
      return;
    }
    try {
      const res = await record.mutateAsync({ assetId: asset.id, value: reading.value });
      setRaised(res.createdWorkOrders);
      form.succeeded(
        `Recorded ${format.number(reading.value)} ${asset.meterUnit ?? ''}${
          res.createdWorkOrders.length > 0 ? ` — maintenance is now due` : ''
        }`,
      );
      setValue('');
      void invalidate.workOrder();
    } catch (error) {
      form.failed(error, (p) => (p === 'value' ? 'value' : undefined));
    }
  };

  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate aria-label="Record a meter reading">
      <Field label={`New reading (${asset.meterUnit ?? ''})`} error={form.fieldErrors.value}>
        {(c) => (
          <input
            {...c}
            inputMode="decimal"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            data-testid="meter-input"
          />
        )}
      </Field>
      <div className="inline-form__submit">
        <button type="submit" className="button button--primary" disabled={record.isPending}>
          {record.isPending ? 'Saving…' : 'Record reading'}
        </button>
      </div>
      <FormMessage feedback={form.feedback} />
      {raised.length > 0 ? (
        <p className="notice">
          Raised:{' '}
          {raised.map((id, i) => (
            <span key={id}>
              {i > 0 ? ', ' : ''}
              <Link href={`/work-orders/${id}`}>WO #{id}</Link>
            </span>
          ))}
        </p>
      ) : null}
    </form>
  );
}
