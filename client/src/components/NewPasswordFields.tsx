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
  /** For a first password, where "new" would read oddly. */
  labels?: { password: string; repeat: string };
  testIds: { password: string; repeat: string };
};

const NEW_PASSWORD_LABELS = { password: 'New password', repeat: 'Repeat the new password' };

/** A new password and its repetition, with the policy stated up front (not after a refusal). */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const labels = props.labels ?? NEW_PASSWORD_LABELS;
  return (
    <>
      <TextField
        label={labels.password}
        error={props.errors.password}
        hint={PASSWORD_POLICY_TEXT}
        ref={props.inputRef}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={props.password}
        onChange={props.onPassword}
        data-testid={props.testIds.password}
      />
      <TextField
        label={labels.repeat}
        error={props.errors.repeat}
        type="password"
        name="repeat-password"
        autoComplete="new-password"
        value={props.repeat}
        onChange={props.onRepeat}
        data-testid={props.testIds.repeat}
      />
    </>
  );
}
