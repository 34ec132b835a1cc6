import type { Ref } from 'react';
import { PASSWORD_POLICY_TEXT } from '../../../common/password-rules.ts';
import { TextField } from './TextField.tsx';

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
      <TextField
        label="New password"
        error={props.errors.password}
        hint={PASSWORD_POLICY_TEXT}
        ref={props.inputRef}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={props.password}
        onChange={props.onPassword}
        data-testid={`${props.testIdPrefix}-password`}
      />
      <TextField
        label="Repeat the new password"
        error={props.errors.repeat}
        type="password"
        name="repeat-password"
        autoComplete="new-password"
        value={props.repeat}
        onChange={props.onRepeat}
        data-testid={`${props.testIdPrefix}-repeat`}
      />
    </>
  );
}
