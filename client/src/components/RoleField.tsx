import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '../lib/roles.ts';
import { Field } from './Field.tsx';

/** A user's role, with what the chosen role may do said under it (unless `hint` says why it is fixed). */
export function RoleField(props: {
  value: Role;
  onChange: (role: Role) => void;
  error: string | undefined;
  hint?: string | undefined;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <Field label="Role" error={props.error} hint={props.hint ?? ROLE_DESCRIPTIONS[props.value]}>
      {(c) => (
        <select
          {...c}
          name="role"
          value={props.value}
          disabled={props.disabled}
          onChange={(e) => props.onChange(ROLES.find((r) => r === e.target.value) ?? props.value)}
          data-testid={props.testId}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
