import type { Role, SessionUser } from '../../common/roles.ts';
import type { Executor } from './database.ts';
import { num, numOrNull, str } from './sql.ts';

/** `invited`: created by invitation and no password chosen yet (password_hash is ''). */
export type UserStatus = 'active' | 'invited' | 'disabled';

export type UserSummary = SessionUser & { status: UserStatus };

export type UserRow = UserSummary & { passwordHash: string; disabledAt: number | null };

const USER_COLUMNS = `id, username, display_name, role, password_hash, disabled_at,
  CASE WHEN disabled_at IS NOT NULL THEN 'disabled' WHEN password_hash = '' THEN 'invited' ELSE 'active' END AS status`;

const toUser = (r: Record<string, unknown>): SessionUser => ({
  id: num(r.id),
  username: str(r.username),
  displayName: str(r.display_name),
  role: str(r.role) as Role,
});

const toSummary = (r: Record<string, unknown>): UserSummary => ({
  ...toUser(r),
  status: str(r.status) as UserStatus,
});

const toRow = (r: Record<string, unknown>): UserRow => ({
  ...toSummary(r),
  passwordHash: str(r.password_hash),
  disabledAt: numOrNull(r.disabled_at),
});

export async function findUserByName(ex: Executor, username: string): Promise<UserRow | null> {
  const rs = await ex.execute({
    sql: `SELECT ${USER_COLUMNS} FROM users WHERE username = ?`,
    args: [username],
  });
  const r = rs.rows[0];
  return r ? toRow(r) : null;
}

export async function findUserById(ex: Executor, id: number): Promise<UserRow | null> {
  const rs = await ex.execute({ sql: `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, args: [id] });
  const r = rs.rows[0];
  return r ? toRow(r) : null;
}

export async function insertUser(
  ex: Executor,
  u: { username: string; displayName: string; role: Role; passwordHash: string; at: number },
): Promise<number> {
  const rs = await ex.execute({
    sql: 'INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
    args: [u.username, u.displayName, u.role, u.passwordHash, u.at],
  });
  return num(rs.rows[0]?.id);
}

export async function listUsers(ex: Executor): Promise<UserSummary[]> {
  const rs = await ex.execute(`SELECT ${USER_COLUMNS} FROM users ORDER BY display_name`);
  return rs.rows.map(toSummary);
}

export async function updateUserProfile(
  ex: Executor,
  id: number,
  p: { displayName: string; role: Role },
): Promise<void> {
  await ex.execute({
    sql: 'UPDATE users SET display_name = ?, role = ? WHERE id = ?',
    args: [p.displayName, p.role, id],
  });
}

export async function setUserDisabledAt(ex: Executor, id: number, at: number | null): Promise<void> {
  await ex.execute({ sql: 'UPDATE users SET disabled_at = ? WHERE id = ?', args: [at, id] });
}

export async function setPasswordHash(ex: Executor, id: number, passwordHash: string): Promise<void> {
  await ex.execute({ sql: 'UPDATE users SET password_hash = ? WHERE id = ?', args: [passwordHash, id] });
}

/** Administrators who can act: not disabled, and past their invitation. */
export async function countActiveAdmins(ex: Executor): Promise<number> {
  const rs = await ex.execute(
    "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL AND password_hash <> ''",
  );
  return num(rs.rows[0]?.n);
}

export async function insertSession(
  ex: Executor,
  s: { tokenHash: string; userId: number; at: number; expiresAt: number },
): Promise<void> {
  await ex.execute({
    sql: 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    args: [s.tokenHash, s.userId, s.at, s.expiresAt],
  });
}

export async function findSessionUser(
  ex: Executor,
  tokenHash: string,
  now: number,
): Promise<SessionUser | null> {
  const rs = await ex.execute({
    sql: `SELECT u.id, u.username, u.display_name, u.role FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
    args: [tokenHash, now],
  });
  const r = rs.rows[0];
  return r ? toUser(r) : null;
}

/** Deletes one session; returns whose it was, or null when there was none. */
export async function deleteSession(ex: Executor, tokenHash: string): Promise<number | null> {
  const rs = await ex.execute({
    sql: 'DELETE FROM sessions WHERE token_hash = ? RETURNING user_id',
    args: [tokenHash],
  });
  const r = rs.rows[0];
  return r ? num(r.user_id) : null;
}

/** Who work can be given to: the name, and whether the account is disabled. */
export async function assigneeById(
  ex: Executor,
  id: number,
): Promise<{ displayName: string; disabled: boolean } | null> {
  const rs = await ex.execute({
    sql: 'SELECT display_name, disabled_at FROM users WHERE id = ?',
    args: [id],
  });
  const r = rs.rows[0];
  return r ? { displayName: str(r.display_name), disabled: r.disabled_at !== null } : null;
}

/** Whether anyone can log in yet (a new database has no user until the first-run setup). */
export async function hasUsers(ex: Executor): Promise<boolean> {
  const rs = await ex.execute('SELECT EXISTS (SELECT 1 FROM users) AS any_user');
  return num(rs.rows[0]?.any_user) === 1;
}

/** Ends every session of a user, except `keepTokenHash` when given; returns how many ended. */
export async function deleteUserSessions(
  ex: Executor,
  userId: number,
  keepTokenHash: string | null = null,
): Promise<number> {
  const rs = await ex.execute({
    sql: 'DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?',
    args: [userId, keepTokenHash],
  });
  return rs.rowsAffected;
}

/** Who is acting, for rules that depend on the role (a technician's own work orders). */
export async function userById(ex: Executor, id: number): Promise<SessionUser | null> {
  const rs = await ex.execute({
    sql: 'SELECT id, username, display_name, role FROM users WHERE id = ?',
    args: [id],
  });
  const r = rs.rows[0];
  return r ? toUser(r) : null;
}
