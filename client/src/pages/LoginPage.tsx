import { hashKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { Field } from '../components/Field.tsx';
import { FormMessage } from '../components/FormMessage.tsx';
import { useDocumentTitle } from '../hooks/useDocumentTitle.ts';
import { useFeedback } from '../hooks/useFeedback.ts';
import { useTRPC } from '../trpc.ts';

/** Only same-site paths, so a crafted link cannot send someone elsewhere after logging in. */
function safeNext(search: string): string {
  const next = new URLSearchParams(search).get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  useDocumentTitle('Log in');
  const trpc = useTRPC();
  const qc = useQueryClient();
  const search = useSearch();
  const [, navigate] = useLocation();
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

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async (user) => {
        const meKey = trpc.auth.me.queryKey();
        qc.setQueryData(meKey, user);
        // Anything cached under another session is refetched for this one.
        await qc.invalidateQueries({ predicate: (q) => q.queryHash !== hashKey(meKey) });
        navigate(next, { replace: true });
      },
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
    <div className="login">
      <main className="login__card">
        <div className="login__brand">
          <span className="brand__mark" aria-hidden="true">
            TV
          </span>
          <span className="brand__name">Twinventory</span>
        </div>
        <h1 className="login__title">Log in</h1>
        <p className="login__lead">Inventory, assets and maintenance for the facility team.</p>
        <form onSubmit={submit} noValidate className="form">
          <Field label="Username" error={form.fieldErrors.username}>
            {(p) => (
              <input
                {...p}
                ref={usernameInput}
                name="username"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                data-testid="login-username"
              />
            )}
          </Field>
          <Field label="Password" error={form.fieldErrors.password}>
            {(p) => (
              <input
                {...p}
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                data-testid="login-password"
              />
            )}
          </Field>
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
        <aside className="login__hint" aria-label="Demo logins">
          <p>
            <strong>Demo logins:</strong> <code>technician</code>, <code>planner</code> or <code>admin</code>,
            password <code>demo1234</code>.
          </p>
        </aside>
      </main>
    </div>
  );
}
