import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Redirect, useSearch } from 'wouter';
import type { SignOutReason } from '../../../common/live-events.ts';
import { FormMessage } from '../components/FormMessage.tsx';
import { LoggedOutCard } from '../components/LoggedOutCard.tsx';
import { TextField } from '../components/TextField.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useSignedIn } from '../hooks/useSignedIn.ts';
import { useSite } from '../hooks/useSite.ts';
import { useTRPC } from '../trpc.ts';
import './LoginPage.css';

/** Only same-site paths, so a crafted link cannot send someone elsewhere after logging in. */
function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** Why the app brought someone back here, when their session was ended from elsewhere. */
const SIGNED_OUT: Record<SignOutReason, string> = {
  disabled: 'Your account was disabled by an administrator.',
  signed_out_everywhere: 'You signed out everywhere.',
  password_changed: 'Your password was changed. Log in with the new one.',
  password_reset: 'Your password was reset. Log in with the new one.',
  logged_out: 'You logged out.',
};

function signedOutMessage(search: string): string | null {
  const reason = new URLSearchParams(search).get('signedOut');
  return reason !== null && Object.hasOwn(SIGNED_OUT, reason) ? SIGNED_OUT[reason as SignOutReason] : null;
}

export function LoginPage() {
  useDocumentTitle('Log in');
  const site = useSite();
  const trpc = useTRPC();
  const search = useSearch();
  const signedIn = useSignedIn();
  const me = useQuery(trpc.auth.me.queryOptions());
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const form = useFeedback();
  const next = safeNext(search);
  const usernameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // The one thing to do here is type a username.
    usernameInput.current?.focus();
  }, []);
  const signedOut = signedOutMessage(search);

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (user) => signedIn(user, next),
      onError: (error) => {
        form.failed(error);
        setPassword('');
      },
    }),
  );

  if (me.data && !login.isPending) return <Redirect to={next} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!username.trim()) errors.username = 'Enter your username';
    if (!password) errors.password = 'Enter your password';
    if (Object.keys(errors).length > 0) {
      form.invalid(errors);
      return;
    }
    form.reset();
    login.mutate({ username: username.trim(), password });
  };

  return (
    <LoggedOutCard title="Log in">
      <p className="login__lead" data-testid="login-site">
        {site.siteName}: inventory, assets and maintenance for the facility team.
      </p>
      {signedOut ? (
        <p className="notice" role="status" data-testid="signed-out-message">
          {signedOut}
        </p>
      ) : null}
      <form onSubmit={submit} noValidate className="form">
        <TextField
          label="Username"
          error={form.fieldErrors.username}
          ref={usernameInput}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={username}
          onChange={setUsername}
          data-testid="login-username"
        />
        <TextField
          label="Password"
          error={form.fieldErrors.password}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          data-testid="login-password"
        />
        <FormMessage feedback={form.feedback} />
        <button
          type="submit"
          className="button button--primary button--block"
          disabled={login.isPending}
          data-testid="login-submit"
        >
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      {site.demo ? <DemoLogins /> : null}
    </LoggedOutCard>
  );
}

/** Only a demo database has these shared logins (the seed creates them); an own site never shows them. */
function DemoLogins() {
  return (
    <aside className="login__hint" aria-labelledby="demo-logins-title" data-testid="demo-logins">
      <p id="demo-logins-title">
        <strong>Demo logins</strong>, password <code>demo1234</code> for all:
      </p>
      <table className="login__demo">
        <tbody>
          {DEMO_LOGINS.map(([username, role]) => (
            <tr key={username}>
              <th scope="row">
                <code>{username}</code>
              </th>
              <td>{role}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}

const DEMO_LOGINS = [
  ['technician', 'finds, picks, moves and counts stock'],
  ['planner', 'also items, purchase orders, planning'],
  ['admin', 'also users, settings and checks'],
] as const;
