import type { ReactNode } from 'react';
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
  return (
    <div className="action-form__footer">
      <button type="submit" className="button button--primary" disabled={pending} data-testid="submit-action">
        {pending ? 'Saving…' : label}
      </button>
      <FormMessage feedback={feedback} />
    </div>
  );
}
