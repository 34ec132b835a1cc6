import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { ROLE_LABELS, type Role } from '../lib/roles.ts';
import type { UserSummary } from '../lib/types.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { FormMessage } from './FormMessage.tsx';
import { RoleField } from './RoleField.tsx';
import { TextField } from './TextField.tsx';
import { displayNameProblem } from './UserForm.tsx';

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
  // The server keeps the last administrator too; this says it before anyone tries.
  const ownAdmin = isMe && user.role === 'admin';
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const name = displayName.trim();
    const nameProblem = displayNameProblem(name);
    if (nameProblem !== null) return form.invalid({ displayName: nameProblem });
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
        <RoleField
          value={role}
          onChange={setRole}
          error={form.fieldErrors.role}
          hint={ownAdmin ? 'You cannot take away your own administrator role.' : undefined}
          disabled={ownAdmin}
          testId="edit-role"
        />
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
