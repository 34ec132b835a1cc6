import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { FormMessage } from '../components/FormMessage.tsx';
import { LoggedOutCard } from '../components/LoggedOutCard.tsx';
import { NewPasswordFields } from '../components/NewPasswordFields.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useSignedIn } from '../hooks/useSignedIn.ts';
import { checkNewPassword } from '../lib/password-check.ts';
import { useTRPC } from '../trpc.ts';

const COPY = {
  reset: {
    title: 'Choose a new password',
    lead: 'An administrator sent you this link. It works once; choosing a password here logs you out everywhere else.',
    submit: 'Set the password and log in',
  },
  invite: {
    title: 'Welcome to Twinventory',
    lead: 'You were invited to Twinventory. Choose your password to activate your account; the link works once.',
    submit: 'Activate my account',
  },
} as const;

/**
 * `/reset?token=…` and `/invite?token=…`: the one-time links administrators hand out. Outside the
 * logged-in app, like the login page; setting the password logs the user in.
 */
export function SetPasswordPage({ purpose }: { purpose: 'reset' | 'invite' }) {
  const copy = COPY[purpose];
  useDocumentTitle(copy.title);
  const trpc = useTRPC();
  const signedIn = useSignedIn();
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const form = useFeedback();
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const redeem = useMutation(
    trpc.account.redeemToken.mutationOptions({
      onSuccess: (user) => signedIn(user, '/'),
      onError: (error) => form.failed(error),
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The username is not known here; the server checks that rule.
    const errors = checkNewPassword(password, repeat, '');
    if (Object.keys(errors).length > 0) {
      form.invalid(errors);
      return;
    }
    form.reset();
    redeem.mutate({ token, password });
  };

  return (
    <LoggedOutCard title={copy.title}>
      {token === '' ? (
        <p className="notice notice--error" role="alert" data-testid="link-missing">
          This link is incomplete. Open the whole link you were given, or ask an administrator for a new one.
        </p>
      ) : (
        <>
          <p className="login__lead">{copy.lead}</p>
          <form onSubmit={submit} noValidate className="form" data-testid="set-password-form">
            <NewPasswordFields
              password={password}
              repeat={repeat}
              onPassword={setPassword}
              onRepeat={setRepeat}
              errors={form.fieldErrors}
              inputRef={first}
              testIds={{ password: 'set-password', repeat: 'set-repeat' }}
            />
            <FormMessage feedback={form.feedback} />
            <button
              type="submit"
              className="button button--primary button--block"
              disabled={redeem.isPending}
              data-testid="set-submit"
            >
              {redeem.isPending ? 'Saving…' : copy.submit}
            </button>
          </form>
        </>
      )}
      <p className="login__hint">
        Already have a password? <Link href="/login">Log in</Link>
      </p>
    </LoggedOutCard>
  );
}
