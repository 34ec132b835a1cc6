import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_POLICY_TEXT,
  passwordShapeProblem,
} from '../../../common/password-rules.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorCode, errorMessage, type FieldErrors } from '../lib/errors.ts';
import { ROLE_LABELS, type Role } from '../lib/roles.ts';
import type { IssuedLink } from '../lib/types.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { FormMessage } from './FormMessage.tsx';
import { NewUsernameField } from './NewUsernameField.tsx';
import { OneTimeLink } from './OneTimeLink.tsx';
import { RoleField } from './RoleField.tsx';
import { TextField } from './TextField.tsx';
import './UserForm.css';

/** `password`: the administrator sets a first password; `invite`: the user chooses one through a link. */
type Mode = 'password' | 'invite';
type Draft = { username: string; displayName: string; role: Role; password: string };

const EMPTY: Draft = { username: '', displayName: '', role: 'technician', password: '' };

/** The server's rules for a new user (`users.create`, `users.invite`), which has the final say. */
const USERNAME = /^[a-z0-9._-]+$/i;

/** What is wrong with a (trimmed) display name, or null; also when an administrator changes one. */
export function displayNameProblem(name: string): string | null {
  if (name === '') return 'Enter the name people will see';
  if (name.length > 100) return 'Use at most 100 characters';
  return null;
}

/** Also the first-run setup's check of the first administrator (who always sets a password). */
export function checkNewUser(d: Omit<Draft, 'role'>, mode: Mode = 'password'): FieldErrors {
  const errors: FieldErrors = {};
  const username = d.username.trim();
  if (username === '') errors.username = 'Enter a username';
  else if (username.length < 2 || username.length > 64) errors.username = 'Use 2 to 64 characters';
  else if (!USERNAME.test(username)) errors.username = 'Use only letters, digits, dot, dash or underscore';
  const nameProblem = displayNameProblem(d.displayName.trim());
  if (nameProblem !== null) errors.displayName = nameProblem;
  if (mode === 'password') {
    const problem = passwordShapeProblem(d.password, username);
    if (problem !== null) errors.password = problem;
  }
  return errors;
}

/** Creates a user with a role and either a first password or an invitation link (administrators). */
export function UserForm() {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const create = useMutation(trpc.users.create.mutationOptions());
  const invite = useMutation(trpc.users.invite.mutationOptions());
  const [d, setD] = useState<Draft>(EMPTY);
  const [mode, setMode] = useState<Mode>('password');
  const [invited, setInvited] = useState<{ name: string; link: IssuedLink } | null>(null);
  const form = useFeedback();
  const firstField = useRef<HTMLInputElement>(null);
  const set = (key: keyof Draft) => (value: string) => setD((prev) => ({ ...prev, [key]: value }));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errors = checkNewUser(d, mode);
    if (Object.keys(errors).length > 0) {
      form.invalid(errors);
      return;
    }
    const profile = { username: d.username.trim(), displayName: d.displayName.trim(), role: d.role };
    const who = `${profile.displayName} (${profile.username}) as ${ROLE_LABELS[profile.role].toLowerCase()}`;
    try {
      if (mode === 'invite') {
        const { link } = await invite.mutateAsync(profile);
        setInvited({ name: profile.displayName, link });
        form.succeeded(`Invited ${who}`);
        toast.success(`Invited ${profile.displayName}: copy the link below`);
      } else {
        await create.mutateAsync({ ...profile, password: d.password });
        setInvited(null);
        form.succeeded(`Created ${who}`);
        toast.success(`Created ${who}`);
      }
      setD(EMPTY);
      firstField.current?.focus();
      void invalidate.users();
    } catch (error) {
      // A taken username is the username field's problem; everything else goes where the server says.
      if (errorCode(error) === 'CONFLICT') form.invalid({ username: errorMessage(error) });
      else form.failed(error);
    }
  };

  const pending = create.isPending || invite.isPending;
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="user-form">
      <div className="form-grid">
        <NewUsernameField
          error={form.fieldErrors.username}
          ref={firstField}
          autoComplete="off"
          value={d.username}
          onChange={set('username')}
          data-testid="user-username"
        />
        <TextField
          label="Display name"
          error={form.fieldErrors.displayName}
          name="displayName"
          autoComplete="off"
          placeholder="e.g. Tess Tech"
          value={d.displayName}
          onChange={set('displayName')}
          data-testid="user-display-name"
        />
        <RoleField
          value={d.role}
          onChange={(role) => setD((prev) => ({ ...prev, role }))}
          error={form.fieldErrors.role}
          testId="user-role"
        />
      </div>
      <fieldset className="user-form__mode">
        <legend>How will they log in?</legend>
        <label>
          <input
            type="radio"
            name="mode"
            value="password"
            checked={mode === 'password'}
            onChange={() => setMode('password')}
            data-testid="user-mode-password"
          />
          I set a first password and tell them
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            value="invite"
            checked={mode === 'invite'}
            onChange={() => setMode('invite')}
            data-testid="user-mode-invite"
          />
          Invite by link: they choose their own password (the link works once, for 7 days)
        </label>
      </fieldset>
      {mode === 'password' ? (
        <TextField
          label="First password"
          error={form.fieldErrors.password}
          hint={PASSWORD_POLICY_TEXT}
          type="password"
          name="password"
          autoComplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH + 1}
          value={d.password}
          onChange={set('password')}
          data-testid="user-password"
        />
      ) : null}
      <div className="action-form__footer">
        <button type="submit" className="button button--primary" disabled={pending} data-testid="user-submit">
          {pending ? 'Creating…' : mode === 'invite' ? 'Create and get the link' : 'Create user'}
        </button>
      </div>
      <FormMessage feedback={form.feedback} />
      {invited ? (
        <OneTimeLink link={invited.link} name={invited.name} onDone={() => setInvited(null)} />
      ) : null}
    </form>
  );
}
