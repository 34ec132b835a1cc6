import { type AuditContent, type AuditEntry, GENESIS_HASH, hashAuditEntry } from '../domain/audit-chain.ts';
import type { Executor } from './database.ts';
import { insertRows, num, numOrNull, str } from './sql.ts';

/** Appends entries to the chain. Must run inside the writer's transaction so the head cannot move. */
export async function appendAudit(tx: Executor, entries: readonly AuditContent[]): Promise<void> {
  if (entries.length === 0) return;
  // The writer is the only writer, so the next ids are known before inserting and can be hashed.
  const head = await tx.execute('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
  let prev = head.rows[0] ? str(head.rows[0].hash) : GENESIS_HASH;
  let id = head.rows[0] ? num(head.rows[0].id) : 0;
  const rows = entries.map((e) => {
    id += 1;
    const hash = hashAuditEntry(prev, id, e);
    const row = [id, e.actorId, e.action, e.entity, e.entityId, e.data, e.createdAt, prev, hash];
    prev = hash;
    return row;
  });
  await insertRows(
    tx,
    'INSERT INTO audit_log (id, actor_id, action, entity, entity_id, data, created_at, prev_hash, hash)',
    rows,
  );
}

const AUDIT_COLUMNS = 'id, actor_id, action, entity, entity_id, data, created_at, prev_hash, hash';

const toAuditEntry = (r: Record<string, unknown>): AuditEntry => ({
  id: num(r.id),
  actorId: numOrNull(r.actor_id),
  action: str(r.action),
  entity: str(r.entity),
  entityId: str(r.entity_id),
  data: str(r.data),
  createdAt: num(r.created_at),
  prevHash: str(r.prev_hash),
  hash: str(r.hash),
});

export async function readAuditPage(ex: Executor, afterId: number, limit: number): Promise<AuditEntry[]> {
  const rs = await ex.execute({
    sql: `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`,
    args: [afterId, limit],
  });
  return rs.rows.map(toAuditEntry);
}

export async function readRecentAudit(ex: Executor, limit: number): Promise<AuditEntry[]> {
  const rs = await ex.execute({
    sql: `SELECT ${AUDIT_COLUMNS} FROM audit_log ORDER BY id DESC LIMIT ?`,
    args: [limit],
  });
  return rs.rows.map(toAuditEntry);
}
