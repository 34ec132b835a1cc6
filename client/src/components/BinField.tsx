import { useId } from 'react';
import { type BinOption, type BinValue, TYPE_CODE } from '../lib/bins.ts';

type BinFieldProps = {
  label: string;
  options: readonly BinOption[];
  value: BinValue;
  onChange: (value: BinValue) => void;
  error?: string | undefined;
  /** Lets the user type any bin's code (e.g. to receive into an empty bin). */
  allowCode?: boolean;
  testId?: string;
};

/** Choose one of the item's bins, or type (or scan) another bin's code. */
export function BinField({
  label,
  options,
  value,
  onChange,
  error,
  allowCode = true,
  testId = 'bin-select',
}: BinFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const typing = value.choice === TYPE_CODE;
  const describedBy = error ? errorId : undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={`${id}-select`}>{label}</label>
      <select
        id={`${id}-select`}
        value={value.choice}
        onChange={(e) => onChange({ ...value, choice: e.target.value })}
        aria-invalid={Boolean(error) && !typing}
        aria-describedby={typing ? undefined : describedBy}
        data-testid={testId}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {allowCode ? <option value={TYPE_CODE}>Another bin — type or scan its code…</option> : null}
      </select>
      {typing ? (
        <>
          <label htmlFor={`${id}-code`} className="visually-hidden">
            {label}: bin code
          </label>
          <input
            id={`${id}-code`}
            className="bin-field__code mono"
            value={value.code}
            placeholder="Bin code, e.g. A-01-1"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => onChange({ ...value, code: e.target.value })}
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy}
            data-testid={`${testId}-code`}
          />
        </>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId} data-testid="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
