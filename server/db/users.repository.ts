import type { Role, SessionUser } from '../../common/roles.ts';
import type { Executor } from './database.ts';
import { num, str } from './sql.ts';

export type UserRow = SessionUser & { passwordHash: string };

const toUser = (r: Record<string, unknown>): SessionUser => ({
  id: num(r.id),
  username: str(r.username),
  displayName: str(r.display_name),
  role: str(r.role) as Role,
});

export async function findUserByName(ex: Executor, username: string): Promise<UserRow | null> {
  const rs = await ex.execute({
    sql: 'SELECT id, username, display_name, role, password_hash FROM users WHERE username = ?',
    args: [username],
  });
  const r = rs.rows[0];
  return r ? { ...toUser(r), passwordHash: str(r.password_hash) } : null;
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

export async function listUsers(ex: Executor): Promise<SessionUser[]> {
  const rs = await ex.execute('SELECT id, username, display_name, role FROM users ORDER BY display_name');
  return rs.rows.map(toUser);
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
          WHERE s.token_hash = ? AND s.expires_at > ?`,
    args: [tokenHash, now],
  });
  const r = rs.rows[0];
  return r ? toUser(r) : null;
}

export async function deleteSession(ex: Executor, tokenHash: string): Promise<void> {
  await ex.execute({ sql: 'DELETE FROM sessions WHERE token_hash = ?', args: [tokenHash] });
}

export async function userDisplayName(ex: Executor, id: number): Promise<string | null> {
  const rs = await ex.execute({ sql: 'SELECT display_name FROM users WHERE id = ?', args: [id] });
  const r = rs.rows[0];
  return r ? str(r.display_name) : null;
}

export async function countUsers(ex: Executor): Promise<number> {
  const rs = await ex.execute('SELECT count(*) AS n FROM users');
  return num(rs.rows[0]?.n ?? 0);
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
