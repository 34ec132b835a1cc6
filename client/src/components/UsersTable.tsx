import { useMutation } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useInvalidate } from '../hooks/useInvalidate.ts';
import { errorMessage } from '../lib/errors.ts';
import { ROLE_LABELS } from '../lib/roles.ts';
import type { IssuedLink, UserStatus, UserSummary } from '../lib/types.ts';
import { toast } from '../state/toasts.ts';
import { useTRPC } from '../trpc.ts';
import { Badge, type Tone } from './Badge.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { OneTimeLink } from './OneTimeLink.tsx';
import { UserEditForm } from './UserEditForm.tsx';
import './UsersTable.css';

const ROLE_TONES: Record<UserSummary['role'], Tone> = {
  technician: 'neutral',
  planner: 'info',
  admin: 'accent',
};

const STATUS: Record<Exclude<UserStatus, 'active'>, { label: string; tone: Tone }> = {
  disabled: { label: 'Disabled', tone: 'danger' },
  invited: { label: 'Invited', tone: 'warning' },
};

/** What is open under a row: its edit form, or a link just issued (shown once). */
type Open = { userId: number; kind: 'edit' } | { userId: number; kind: 'link'; link: IssuedLink } | null;

const COLUMNS = 5;

/**
 * Everyone who can log in, with their role and whether they are disabled or still invited; for each,
 * edit, a one-time password link, and disable or enable. The logged-in user is marked.
 */
export function UsersTable({ users, meId }: { users: readonly UserSummary[]; meId: number }) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <div className="table-wrap">
      <table className="table users-table" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="hide-narrow">
              Username
            </th>
            <th scope="col">Role</th>
            <th scope="col" className="num hide-narrow">
              Id
            </th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <Fragment key={u.id}>
              <tr data-testid="user-row" data-username={u.username} data-status={u.status}>
                <th scope="row">
                  {u.displayName}
                  {u.id === meId ? <span className="muted"> (you)</span> : null}
                  {u.status === 'active' ? null : (
                    <>
                      {' '}
                      <Badge code={u.status} tone={STATUS[u.status].tone} label={STATUS[u.status].label} />
                    </>
                  )}
                  <span className="cell-sub mono show-narrow">{u.username}</span>
                </th>
                <td className="mono hide-narrow">{u.username}</td>
                <td>
                  <Badge code={u.role} tone={ROLE_TONES[u.role]} label={ROLE_LABELS[u.role]} />
                </td>
                <td className="num mono muted hide-narrow">{u.id}</td>
                <td>
                  <UserActions
                    user={u}
                    isMe={u.id === meId}
                    onEdit={() =>
                      setOpen(
                        open?.userId === u.id && open.kind === 'edit' ? null : { userId: u.id, kind: 'edit' },
                      )
                    }
                    onLink={(link) => setOpen({ userId: u.id, kind: 'link', link })}
                  />
                </td>
              </tr>
              {open?.userId === u.id ? (
                <tr className="users-table__detail" data-testid="user-detail">
                  <td colSpan={COLUMNS}>
                    {open.kind === 'edit' ? (
                      <UserEditForm user={u} isMe={u.id === meId} onDone={close} />
                    ) : (
                      <OneTimeLink link={open.link} name={u.displayName} onDone={close} />
                    )}
                  </td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UserActions({
  user,
  isMe,
  onEdit,
  onLink,
}: {
  user: UserSummary;
  isMe: boolean;
  onEdit: () => void;
  onLink: (link: IssuedLink) => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidate();
  const done = (message: string) => {
    toast.success(message);
    void invalidate.users();
  };
  const failed = (error: unknown) => toast.error(errorMessage(error));
  const disable = useMutation(
    trpc.users.disable.mutationOptions({
      onSuccess: () => done(`Disabled ${user.displayName}; their sessions have ended`),
      onError: failed,
    }),
  );
  const enable = useMutation(
    trpc.users.enable.mutationOptions({
      onSuccess: () => done(`Enabled ${user.displayName}; they can log in again`),
      onError: failed,
    }),
  );
  const linked = (link: IssuedLink) => {
    onLink(link);
    void invalidate.users();
  };
  const resetLink = useMutation(
    trpc.users.issueResetLink.mutationOptions({ onSuccess: linked, onError: failed }),
  );
  const inviteLink = useMutation(
    trpc.users.issueInviteLink.mutationOptions({ onSuccess: linked, onError: failed }),
  );

  return (
    <div className="users-table__actions">
      <button type="button" className="button button--small" onClick={onEdit} data-testid="user-edit">
        Edit
      </button>
      {user.status === 'invited' ? (
        <button
          type="button"
          className="button button--small"
          disabled={inviteLink.isPending}
          onClick={() => inviteLink.mutate({ id: user.id })}
          data-testid="user-invite-link"
        >
          Invite link
        </button>
      ) : user.status === 'active' ? (
        <button
          type="button"
          className="button button--small"
          disabled={resetLink.isPending}
          onClick={() => resetLink.mutate({ id: user.id })}
          data-testid="user-reset-link"
        >
          Reset link
        </button>
      ) : null}
      {isMe ? null : user.status === 'disabled' ? (
        <ConfirmButton
          question={`Enable ${user.displayName}?`}
          detail="They can log in again with their password, with the role they have now."
          confirmLabel="Enable"
          confirmClassName="button button--primary"
          className="button button--small"
          onConfirm={() => enable.mutate({ id: user.id })}
          disabled={enable.isPending}
          testId="user-enable"
        >
          Enable
        </ConfirmButton>
      ) : (
        <ConfirmButton
          question={`Disable ${user.displayName}?`}
          detail="They are signed out everywhere at once, open screens included, and cannot log in or use a password link until an administrator enables the account again. Their history stays."
          confirmLabel="Disable"
          className="button button--small button--danger-outline"
          onConfirm={() => disable.mutate({ id: user.id })}
          disabled={disable.isPending}
          testId="user-disable"
        >
          Disable
        </ConfirmButton>
      )}
    </div>
  );
}
