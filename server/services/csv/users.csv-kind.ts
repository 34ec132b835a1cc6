import { z } from 'zod';
import { DisplayName, Username } from '../../../common/masters/user.ts';
import { ADMINS, ROLES } from '../../../common/roles.ts';
import { countActiveAdmins, listUsers, type UserSummary } from '../../db/users.repository.ts';
import { choice, required } from '../../domain/csv/cells.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { applyEach, defineCsvKind, type Invite, ROWS_PER_SERVICE_FILE } from './csv-kind.ts';

export const UserRow = z.object({
  username: required('username').pipe(Username),
  display_name: required('display_name').pipe(DisplayName),
  role: choice('role', ROLES, 'technician'),
});
type UserRow = z.output<typeof UserRow>;

type Context = {
  users: Map<string, UserSummary>;
  activeAdmins: number;
  actorId: number | null;
};

const noPasswords = (column: string) =>
  `Remove the ${column} column: passwords never travel in CSV files; each new user gets an invitation link to choose their own`;

const userKey = (username: string) => username.toLowerCase();

/**
 * Users, keyed by username (in any case); administrators only. A new user is INVITED through the
 * accounts service (no password; the import's result lists each one's invitation link once). An
 * update changes the name and role under the admin screen's rules: nobody takes away their own
 * administrator role, and the last active administrator stays one.
 */
export const usersCsv = defineCsvKind<UserRow, Context>({
  kind: 'users',
  title: 'Users',
  roles: ADMINS,
  maxRows: ROWS_PER_SERVICE_FILE,
  refusedColumns: { password: noPasswords('password'), password_hash: noPasswords('password_hash') },
  columns: [
    {
      name: 'username',
      required: true,
      type: 'text',
      description: 'Login name: letters, digits, dot, dash or underscore; the key',
      example: 'example.anna',
      caseInsensitive: true,
    },
    {
      name: 'display_name',
      required: true,
      type: 'text',
      description: 'The name others see',
      example: 'Example: Anna Berg',
    },
    {
      name: 'role',
      required: true,
      type: 'text',
      description: 'technician, planner or admin. There is no password column: new users are invited by link',
      example: 'technician',
    },
  ],
  schema: UserRow,
  keyColumn: 'username',
  key: (row) => userKey(row.username),
  label: (row) => `User ${row.username}`,
  format: (row) => ({ ...row }),

  async load(ex, _rows, env) {
    const [users, activeAdmins] = await Promise.all([listUsers(ex), countActiveAdmins(ex)]);
    return { users: new Map(users.map((u) => [userKey(u.username), u])), activeAdmins, actorId: env.actorId };
  },

  existing(context, row) {
    const user = context.users.get(userKey(row.username));
    return user === undefined
      ? undefined
      : { username: user.username, display_name: user.displayName, role: user.role };
  },

  check(context, rows) {
    const errors: CellError[] = [];
    const demoted: { line: number; user: UserSummary }[] = [];
    for (const { line, row, before } of rows) {
      const user = context.users.get(userKey(row.username));
      if (before === undefined || user === undefined || before.role !== 'admin' || row.role === 'admin')
        continue;
      if (user.id === context.actorId)
        errors.push({
          line,
          column: 'role',
          message: 'You cannot take away your own administrator role; ask another administrator',
        });
      else if (user.status === 'active') demoted.push({ line, user });
    }
    // Across the file: the rows together may not demote every active administrator.
    if (demoted.length > 0 && demoted.length >= context.activeAdmins) {
      for (const { line, user } of demoted)
        errors.push({
          line,
          column: 'role',
          message: `This file would leave no active administrator; keep ${user.displayName} or another an administrator`,
        });
    }
    return errors;
  },

  async apply(tx, context, changes, env) {
    const users = env.services.userAdmin;
    const invites: Invite[] = [];
    await applyEach(changes.creates, async ({ row }) => {
      const profile = { username: row.username, displayName: row.display_name, role: row.role };
      const { link } = await users.inviteIn(tx, env.actorId, profile);
      invites.push({ username: row.username, path: link.path, expiresAt: link.expiresAt });
    });
    await applyEach(changes.updates, async ({ row }) => {
      const user = context.users.get(userKey(row.username));
      if (user !== undefined)
        await users.updateIn(tx, env.actorId, user.id, { displayName: row.display_name, role: row.role });
    });
    return { invites };
  },

  exportRows: async (ex) =>
    (await listUsers(ex))
      .map((u) => ({ username: u.username, display_name: u.displayName, role: u.role }))
      .sort((a, b) => a.username.localeCompare(b.username)),
});
