import type { ThrottleState } from '../domain/login-throttle.ts';
import type { Executor } from './database.ts';
import { list, num, str } from './sql.ts';

export async function findThrottles(
  ex: Executor,
  keys: readonly string[],
): Promise<Map<string, ThrottleState>> {
  if (keys.length === 0) return new Map();
  const rs = await ex.execute({
    sql: `SELECT key, failures, locked_until, forget_at FROM login_throttle WHERE key IN (${list(keys.length)})`,
    args: [...keys],
  });
  return new Map(
    rs.rows.map((r) => [
      str(r.key),
      { failures: num(r.failures), lockedUntil: num(r.locked_until), forgetAt: num(r.forget_at) },
    ]),
  );
}

export async function saveThrottle(ex: Executor, key: string, s: ThrottleState): Promise<void> {
  await ex.execute({
    sql: `INSERT INTO login_throttle (key, failures, locked_until, forget_at) VALUES (?, ?, ?, ?)
          ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until,
            forget_at = excluded.forget_at`,
    args: [key, s.failures, s.lockedUntil, s.forgetAt],
  });
}

export async function deleteThrottle(ex: Executor, key: string): Promise<void> {
  await ex.execute({ sql: 'DELETE FROM login_throttle WHERE key = ?', args: [key] });
}

/** Drops a few counters that no longer count, so guessing many usernames cannot grow the table for good. */
export async function deleteForgottenThrottles(ex: Executor, now: number, limit = 100): Promise<void> {
  await ex.execute({
    sql: 'DELETE FROM login_throttle WHERE key IN (SELECT key FROM login_throttle WHERE forget_at <= ? LIMIT ?)',
    args: [now, limit],
  });
}
