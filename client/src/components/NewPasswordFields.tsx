import type { Ref } from 'react';
import { PASSWORD_POLICY_TEXT } from '../../../common/password-rules.ts';
import { Field } from './Field.tsx';

type NewPasswordFieldsProps = {
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  errors: { password?: string | undefined; repeat?: string | undefined };
  /** The first input, for pages that focus it on arrival. */
  inputRef?: Ref<HTMLInputElement>;
  testIdPrefix: string;
};

/** A new password and its repetition, with the policy stated up front (not after a refusal). */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  return (
    <>
      <Field label="New password" error={props.errors.password} hint={PASSWORD_POLICY_TEXT}>
        {(c) => (
          <input
            {...c}
            ref={props.inputRef}
            type="password"
            name="new-password"
            autoComplete="new-password"
            value={props.password}
            onChange={(e) => props.onPassword(e.target.value)}
            data-testid={`${props.testIdPrefix}-password`}
          />
        )}
      </Field>
      <Field label="Repeat the new password" error={props.errors.repeat}>
        {(c) => (
          <input
            {...c}
            type="password"
            name="repeat-password"
            autoComplete="new-password"
            value={props.repeat}
            onChange={(e) => props.onRepeat(e.target.value)}
            data-testid={`${props.testIdPrefix}-repeat`}
          />
        )}
      </Field>
    </>
  );
}
