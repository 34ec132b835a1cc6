import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { FormMessage } from '../components/FormMessage.tsx';
import { NewPasswordFields } from '../components/NewPasswordFields.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { TextField } from '../components/TextField.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useSignedOut } from '../hooks/useSignedOut.ts';
import { useUser } from '../hooks/useUser.ts';
import { errorMessage } from '../lib/errors.ts';
import { checkNewPassword } from '../lib/password-check.ts';
import { ROLE_LABELS } from '../lib/roles.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import './AccountPage.css';

/** `/account`: the logged-in user's own password and sessions. */
export function AccountPage() {
  useDocumentTitle('Account');
  const user = useUser();
  return (
    <div className="page page--narrow">
      <PageHeader
        title="Your account"
        subtitle={`${user.displayName} · ${user.username} · ${ROLE_LABELS[user.role]}`}
      />
      <div className="account">
        <ChangePassword username={user.username} />
        <SignOutEverywhere />
      </div>
    </div>
  );
}

const FIELDS = { password: 'newPassword', repeat: 'repeat' };

function ChangePassword({ username }: { username: string }) {
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const form = useFeedback();
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const errors = checkNewPassword(password, repeat, username, FIELDS);
    if (current === '') errors.currentPassword = 'Enter your current password';
    if (Object.keys(errors).length > 0) {
      form.invalid(errors);
      return;
    }
    try {
      await change.mutateAsync({ currentPassword: current, newPassword: password });
      form.succeeded('Password changed. Your other sessions were signed out; this one stays.');
      setCurrent('');
      setPassword('');
      setRepeat('');
    } catch (error) {
      form.failed(error);
      setCurrent('');
      first.current?.focus();
    }
  };

  return (
    <section className="card" aria-labelledby="change-password-title">
      <h2 id="change-password-title" className="card__title">
        Change your password
      </h2>
      <p className="muted card__lead">
        Everywhere else you are logged in (another browser, a phone) is signed out; this window stays logged
        in.
      </p>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="change-password-form">
        <TextField
          label="Current password"
          error={form.fieldErrors.currentPassword}
          ref={first}
          type="password"
          name="current-password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          data-testid="current-password"
        />
        <NewPasswordFields
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          errors={{ password: form.fieldErrors.newPassword, repeat: form.fieldErrors.repeat }}
          testIds={{ password: 'change-password', repeat: 'change-repeat' }}
        />
        <div className="action-form__footer">
          <button
            type="submit"
            className="button button--primary"
            disabled={change.isPending}
            data-testid="change-submit"
          >
            {change.isPending ? 'Changing…' : 'Change password'}
          </button>
        </div>
        <FormMessage feedback={form.feedback} />
      </form>
    </section>
  );
}

function SignOutEverywhere() {
  const trpc = useTRPC();
  const signedOut = useSignedOut();
  const signOut = useMutation(
    trpc.account.signOutEverywhere.mutationOptions({
      onSuccess: () => signedOut('signed_out_everywhere'),
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  return (
    <section className="card" aria-labelledby="sign-out-title">
      <h2 id="sign-out-title" className="card__title">
        Sign out everywhere
      </h2>
      <p className="muted card__lead">
        Ends every session of your account, on every device, this one included. Use it if you lost a phone or
        logged in on a shared computer.
      </p>
      <ConfirmButton
        question="Sign out everywhere?"
        detail="Every device logged in as you, this one included, goes back to the login page."
        confirmLabel="Sign out everywhere"
        onConfirm={() => signOut.mutate()}
        disabled={signOut.isPending}
        className="button button--danger-outline"
        testId="sign-out-everywhere"
      >
        {signOut.isPending ? 'Signing out…' : 'Sign out everywhere'}
      </ConfirmButton>
    </section>
  );
}
