import type { Executor } from './database.ts';

/**
 * Takes the named lease for `owner` until `expiresAt`, or renews it: granted when nobody holds it,
 * `owner` already does, or the holder's lease ran out by `now`. Run it inside the transaction that
 * does the leased work, so taking the lease and doing the work commit (or fail) together.
 */
export async function takeLease(
  ex: Executor,
  lease: { name: string; owner: string; now: number; expiresAt: number },
): Promise<boolean> {
  const rs = await ex.execute({
    sql: `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
          ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
          WHERE leases.owner = excluded.owner OR leases.expires_at <= ?
          RETURNING owner`,
    args: [lease.name, lease.owner, lease.expiresAt, lease.now],
  });
  return rs.rows.length === 1;
}

/** Gives the lease up (an instance stopping), so another may take it at once. */
export async function releaseLease(ex: Executor, name: string, owner: string): Promise<void> {
  await ex.execute({ sql: 'DELETE FROM leases WHERE name = ? AND owner = ?', args: [name, owner] });
}
