import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '../lib/roles.ts';
import type { UserSummary } from '../lib/types.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { Field } from './Field.tsx';
import { FormMessage } from './FormMessage.tsx';
import { TextField } from './TextField.tsx';

/** Changes a user's display name and role (administrators); the server guards the last admin. */
export function UserEditForm({
  user,
  isMe,
  onDone,
}: {
  user: UserSummary;
  isMe: boolean;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const update = useMutation(trpc.users.update.mutationOptions());
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<Role>(user.role);
  const form = useFeedback();
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const name = displayName.trim();
    if (name === '') return form.invalid({ displayName: 'Enter the name people will see' });
    if (name.length > 100) return form.invalid({ displayName: 'Use at most 100 characters' });
    try {
      await update.mutateAsync({ id: user.id, displayName: name, role });
      toast.success(`Saved ${name} as ${ROLE_LABELS[role].toLowerCase()}`);
      void invalidate.users();
      onDone();
    } catch (error) {
      form.failed(error);
    }
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label={`Edit ${user.displayName}`}>
      <div className="form-grid">
        <TextField
          label="Display name"
          error={form.fieldErrors.displayName}
          ref={first}
          name="displayName"
          autoComplete="off"
          value={displayName}
          onChange={setDisplayName}
          data-testid="edit-display-name"
        />
        <Field
          label="Role"
          error={form.fieldErrors.role}
          hint={
            isMe && user.role === 'admin'
              ? 'You cannot take away your own administrator role.'
              : ROLE_DESCRIPTIONS[role]
          }
        >
          {(c) => (
            <select
              {...c}
              name="role"
              value={role}
              disabled={isMe && user.role === 'admin'}
              onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? role)}
              data-testid="edit-role"
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="action-form__footer">
        <button
          type="submit"
          className="button button--primary"
          disabled={update.isPending}
          data-testid="edit-save"
        >
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <FormMessage feedback={form.feedback} />
    </form>
  );
}
