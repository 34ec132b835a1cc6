import { useMutation } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useSignedOut } from '../hooks/useSignedOut.ts';
import { useUser } from '../hooks/useUser.ts';
import { errorMessage } from '../lib/errors.ts';
import { ROLE_LABELS } from '../lib/roles.ts';
import { toast } from '../state/toasts.ts';
import './UserMenu.css';
import { useTRPC } from '../trpc.ts';

/** Who is logged in, as which role, their account settings, and the way out. */
export function UserMenu({ variant = 'bar' }: { variant?: 'bar' | 'panel' }) {
  const user = useUser();
  const trpc = useTRPC();
  const signedOut = useSignedOut();
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => signedOut(),
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  return (
    <div
      className={`user-menu user-menu--${variant}`}
      data-testid={variant === 'bar' ? 'user-menu' : 'user-menu-panel'}
    >
      {/* Who you are is the way to your account settings: the header has no room for another button. */}
      <Link
        href="/account"
        className="user-menu__account"
        title="Your account: password and sessions"
        data-testid={variant === 'bar' ? 'account-link' : 'account-link-panel'}
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {initials(user.displayName)}
        </span>
        <span className="user-menu__who">
          <span className="user-menu__name">{user.displayName}</span>
          <span className="user-menu__role">{ROLE_LABELS[user.role]}</span>
          <span className="visually-hidden"> (your account)</span>
        </span>
      </Link>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => logout.mutate()}
        disabled={logout.isPending}
        data-testid={variant === 'bar' ? 'logout' : 'logout-panel'}
      >
        Log out
      </button>
    </div>
  );
}

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
