import { ROLE_LABELS } from '../lib/roles.ts';
import type { UserSummary } from '../lib/types.ts';
import { Badge, type Tone } from './Badge.tsx';

const ROLE_TONES: Record<UserSummary['role'], Tone> = {
  technician: 'neutral',
  planner: 'info',
  admin: 'accent',
};

/** Everyone who can log in, with their role; the logged-in user is marked. */
export function UsersTable({ users, meId }: { users: readonly UserSummary[]; meId: number }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="users-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Username</th>
            <th scope="col">Role</th>
            <th scope="col" className="num hide-narrow">
              Id
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row" data-username={u.username}>
              <th scope="row">
                {u.displayName}
                {u.id === meId ? <span className="muted"> (you)</span> : null}
              </th>
              <td className="mono">{u.username}</td>
              <td>
                <Badge code={u.role} tone={ROLE_TONES[u.role]} label={ROLE_LABELS[u.role]} />
              </td>
              <td className="num mono muted hide-narrow">{u.id}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
