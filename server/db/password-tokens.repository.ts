import type { PasswordTokenRow, TokenPurpose } from '../domain/password-links.ts';
import type { Executor } from './database.ts';
import { num, numOrNull, str } from './sql.ts';

export async function insertPasswordToken(
  ex: Executor,
  t: {
    tokenHash: string;
    userId: number;
    purpose: TokenPurpose;
    createdBy: number | null;
    at: number;
    expiresAt: number;
  },
): Promise<void> {
  await ex.execute({
    sql: `INSERT INTO password_tokens (token_hash, user_id, purpose, created_by, created_at, expires_at)
          VALUES (?, ?, ?, ?, ?, ?)`,
    args: [t.tokenHash, t.userId, t.purpose, t.createdBy, t.at, t.expiresAt],
  });
}

/** Voids a user's links that were neither used nor voided yet; returns how many. */
export async function voidOpenTokens(ex: Executor, userId: number, at: number): Promise<number> {
  const rs = await ex.execute({
    sql: 'UPDATE password_tokens SET voided_at = ? WHERE user_id = ? AND used_at IS NULL AND voided_at IS NULL',
    args: [at, userId],
  });
  return rs.rowsAffected;
}

export async function findPasswordToken(ex: Executor, tokenHash: string): Promise<PasswordTokenRow | null> {
  const rs = await ex.execute({
    sql: 'SELECT id, user_id, purpose, expires_at, used_at, voided_at FROM password_tokens WHERE token_hash = ?',
    args: [tokenHash],
  });
  const r = rs.rows[0];
  return r
    ? {
        id: num(r.id),
        userId: num(r.user_id),
        purpose: str(r.purpose) as TokenPurpose,
        expiresAt: num(r.expires_at),
        usedAt: numOrNull(r.used_at),
        voidedAt: numOrNull(r.voided_at),
      }
    : null;
}

/** Marks a link used; false if it was used or voided meanwhile (so it can only ever be used once). */
export async function markTokenUsed(ex: Executor, id: number, at: number): Promise<boolean> {
  const rs = await ex.execute({
    sql: 'UPDATE password_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND voided_at IS NULL',
    args: [at, id],
  });
  return rs.rowsAffected === 1;
}
