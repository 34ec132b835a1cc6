import { type ReactNode, useRef } from 'react';
import type { BinLotForm } from '../hooks/useBinLotForm.ts';
import { useRefocus } from '../hooks/useRefocus.ts';
import type { FieldErrors } from '../lib/errors.ts';
import { BinField } from './BinField.tsx';
import { Field } from './Field.tsx';
import type { Feedback } from './FormMessage.tsx';
import { FormMessage } from './FormMessage.tsx';

type TextFieldProps = { value: string; onChange: (value: string) => void; error?: string | undefined };

/** A whole-number quantity; a text input with a numeric keyboard so "2.5" gets a clear message. */
export function QtyField({
  label = 'Quantity',
  hint,
  unit,
  ...p
}: TextFieldProps & { label?: string; hint?: ReactNode; unit: string }) {
  return (
    <Field label={label} error={p.error} hint={hint}>
      {(c) => (
        <span className="input-with-unit">
          <input
            {...c}
            inputMode="numeric"
            autoComplete="off"
            value={p.value}
            onChange={(e) => p.onChange(e.target.value)}
            data-testid="qty-input"
          />
          <span className="input-with-unit__unit" aria-hidden="true">
            {unit}
          </span>
        </span>
      )}
    </Field>
  );
}

export function LotField({ serial, ...p }: TextFieldProps & { serial: boolean }) {
  return (
    <Field label={serial ? 'Serial number' : 'Lot'} error={p.error}>
      {(c) => (
        <input
          {...c}
          className="mono"
          autoComplete="off"
          spellCheck={false}
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
          data-testid="lot-input"
        />
      )}
    </Field>
  );
}

export function ReasonField({
  label = 'Note (optional)',
  placeholder,
  ...p
}: TextFieldProps & { label?: string; placeholder?: string }) {
  return (
    <Field label={label} error={p.error} className="field--wide">
      {(c) => (
        <input
          {...c}
          maxLength={500}
          placeholder={placeholder}
          value={p.value}
          onChange={(e) => p.onChange(e.target.value)}
          data-testid="reason-input"
        />
      )}
    </Field>
  );
}

/** A stock form's fields; `children` come right after the bin (a move's destination). */
export function BinLotFields({
  fields,
  errors,
  unit,
  binLabel,
  qty = {},
  reason = {},
  children,
}: {
  fields: BinLotForm;
  errors: FieldErrors;
  unit: string;
  binLabel: string;
  qty?: { label?: string; hint?: ReactNode };
  reason?: { label?: string; placeholder?: string };
  children?: ReactNode;
}) {
  return (
    <div className="action-form__fields">
      <BinField
        label={binLabel}
        options={fields.options}
        value={fields.bin}
        onChange={fields.setBin}
        error={errors.bin}
      />
      {children}
      {fields.showLot ? (
        <LotField serial={fields.serial} value={fields.lot} onChange={fields.setLot} error={errors.lot} />
      ) : null}
      <QtyField {...qty} value={fields.qty} onChange={fields.setQty} unit={unit} error={errors.qty} />
      <ReasonField {...reason} value={fields.reason} onChange={fields.setReason} error={errors.reason} />
    </div>
  );
}

/** Submit button (disabled while pending) and the form's outcome. */
export function ActionFooter({
  label,
  pending,
  feedback,
}: {
  label: string;
  pending: boolean;
  feedback: Feedback;
}) {
  const message = useRef<HTMLParagraphElement>(null);
  useRefocus(message, feedback);
  return (
    <div className="action-form__footer">
      <button type="submit" className="button button--primary" disabled={pending} data-testid="submit-action">
        {pending ? 'Saving…' : label}
      </button>
      <FormMessage feedback={feedback} ref={message} />
    </div>
  );
}
