import type { ComponentProps, ReactNode } from 'react';
import { Field } from './Field.tsx';

type InputProps = Omit<
  ComponentProps<'input'>,
  'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby' | 'children'
>;

type TextFieldProps = InputProps & {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  /** The field's class (`field--wide`); `className` goes to the input. */
  fieldClassName?: string;
  value: string;
  onChange: (value: string) => void;
};

/**
 * The most common field: a label, one text input (any `type`, a `ref` too) and its hint and error.
 * Every other prop goes to the input as it is.
 */
export function TextField({ label, error, hint, fieldClassName, onChange, ...input }: TextFieldProps) {
  return (
    <Field label={label} error={error} hint={hint} className={fieldClassName}>
      {(c) => <input {...c} {...input} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}
