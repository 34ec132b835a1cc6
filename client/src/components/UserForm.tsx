import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useFeedback } from '../hooks/useFeedback.ts';
import { errorCode, errorMessage, type FieldErrors } from '../lib/errors.ts';
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from '../lib/roles.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { Field } from './Field.tsx';
import { FormMessage } from './FormMessage.tsx';

type Draft = { username: string; displayName: string; role: Role; password: string };

const EMPTY: Draft = { username: '', displayName: '', role: 'technician', password: '' };

/** The server's rules for a new user (`users.create`), which has the final say. */
const USERNAME = /^[a-z0-9._-]+$/i;
export const MIN_PASSWORD = 8;

/** Also the first-run setup's check of the first administrator. */
export function checkNewUser(d: Omit<Draft, 'role'>): FieldErrors {
  const errors: FieldErrors = {};
  const username = d.username.trim();
  if (username === '') errors.username = 'Enter a username';
  else if (username.length < 2 || username.length > 64) errors.username = 'Use 2 to 64 characters';
  else if (!USERNAME.test(username)) errors.username = 'Use only letters, digits, dot, dash or underscore';
  const name = d.displayName.trim();
  if (name === '') errors.displayName = 'Enter the name people will see';
  else if (name.length > 100) errors.displayName = 'Use at most 100 characters';
  if (d.password.length < MIN_PASSWORD) errors.password = `Use at least ${MIN_PASSWORD} characters`;
  else if (d.password.length > 200) errors.password = 'Use at most 200 characters';
  return errors;
}

/** Creates a user with a role and a first password (administrators). */
export function UserForm() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const create = useMutation(trpc.users.create.mutationOptions());
  const [d, setD] = useState<Draft>(EMPTY);
  const form = useFeedback();
  const firstField = useRef<HTMLInputElement>(null);
  const set = (key: keyof Draft) => (value: string) => setD((prev) => ({ ...prev, [key]: value }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errors = checkNewUser(d);
    if (Object.keys(errors).length > 0) {
      form.invalid(errors);
      return;
    }
    const input = {
      username: d.username.trim(),
      displayName: d.displayName.trim(),
      role: d.role,
      password: d.password,
    };
    try {
      await create.mutateAsync(input);
      const message = `Created ${input.displayName} (${input.username}) as ${ROLE_LABELS[input.role].toLowerCase()}`;
      form.succeeded(message);
      toast.success(message);
      setD(EMPTY);
      firstField.current?.focus();
      void qc.invalidateQueries(trpc.users.list.pathFilter());
      void qc.invalidateQueries(trpc.audit.recent.pathFilter());
    } catch (error) {
      // A taken username is the username field's problem; everything else goes where the server says.
      if (errorCode(error) === 'CONFLICT') form.invalid({ username: errorMessage(error) });
      else form.failed(error);
    }
  };

  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="user-form">
      <div className="form-grid">
        <Field
          label="Username"
          error={form.fieldErrors.username}
          hint="2–64 letters, digits, dots, dashes or underscores"
        >
          {(c) => (
            <input
              {...c}
              ref={firstField}
              className="mono"
              name="username"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={d.username}
              onChange={(e) => set('username')(e.target.value)}
              data-testid="user-username"
            />
          )}
        </Field>
        <Field label="Display name" error={form.fieldErrors.displayName}>
          {(c) => (
            <input
              {...c}
              name="displayName"
              autoComplete="off"
              placeholder="e.g. Tess Tech"
              value={d.displayName}
              onChange={(e) => set('displayName')(e.target.value)}
              data-testid="user-display-name"
            />
          )}
        </Field>
        <Field label="Role" error={form.fieldErrors.role} hint={ROLE_DESCRIPTIONS[d.role]}>
          {(c) => (
            <select
              {...c}
              name="role"
              value={d.role}
              onChange={(e) =>
                setD((prev) => ({ ...prev, role: ROLES.find((r) => r === e.target.value) ?? prev.role }))
              }
              data-testid="user-role"
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="First password"
          error={form.fieldErrors.password}
          hint={`At least ${MIN_PASSWORD} characters`}
        >
          {(c) => (
            <input
              {...c}
              type="password"
              name="password"
              autoComplete="new-password"
              value={d.password}
              onChange={(e) => set('password')(e.target.value)}
              data-testid="user-password"
            />
          )}
        </Field>
      </div>
      <div className="action-form__footer">
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending}
          data-testid="user-submit"
        >
          {create.isPending ? 'Creating…' : 'Create user'}
        </button>
      </div>
      <FormMessage feedback={form.feedback} />
    </form>
  );
}
