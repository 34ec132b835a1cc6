import { type AuditContent, type AuditEntry, GENESIS_HASH, hashAuditEntry } from '../domain/audit-chain.ts';
import type { Checkpoint } from '../domain/audit-checkpoints.ts';
import type { Executor } from './database.ts';
import { insertRows, num, numOrNull, str } from './sql.ts';

/** Appends entries to the chain. Must run inside the writer's transaction so the head cannot move. */
export async function appendAudit(tx: Executor, entries: readonly AuditContent[]): Promise<void> {
  if (entries.length === 0) return;
  // The writer is the only writer, so the next ids are known before inserting and can be hashed.
  const head = await readAuditHead(tx);
  let prev = head?.hash ?? GENESIS_HASH;
  let id = head?.id ?? 0;
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

/** The newest entry's id and hash, or null for an empty log. */
export async function readAuditHead(ex: Executor): Promise<{ id: number; hash: string } | null> {
  const rs = await ex.execute('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1');
  const row = rs.rows[0];
  return row ? { id: num(row.id), hash: str(row.hash) } : null;
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

/** The current hash of each of these rows; a row that is gone is absent from the map. */
export async function readAuditHashes(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rs = await ex.execute({
      sql: 'SELECT id, hash FROM audit_log WHERE id IN (SELECT value FROM json_each(?))',
      args: [JSON.stringify(ids.slice(i, i + 1000))],
    });
    for (const r of rs.rows) out.set(num(r.id), str(r.hash));
  }
  return out;
}

const CHECKPOINT_COLUMNS = 'id, audit_id, hash, signed_at, key_id, signature';

const toCheckpoint = (r: Record<string, unknown>): Checkpoint => ({
  id: num(r.id),
  auditId: num(r.audit_id),
  hash: str(r.hash),
  signedAt: num(r.signed_at),
  keyId: str(r.key_id),
  signature: str(r.signature),
});

export async function insertCheckpoint(tx: Executor, c: Omit<Checkpoint, 'id'>): Promise<Checkpoint> {
  const rs = await tx.execute({
    sql: `INSERT INTO audit_checkpoints (audit_id, hash, signed_at, key_id, signature)
          VALUES (?, ?, ?, ?, ?) RETURNING ${CHECKPOINT_COLUMNS}`,
    args: [c.auditId, c.hash, c.signedAt, c.keyId, c.signature],
  });
  const row = rs.rows[0];
  if (row === undefined) throw new Error('the checkpoint insert returned no row');
  return toCheckpoint(row);
}

/** The checkpoint of the highest row, or null when none has been made. */
export async function readLatestCheckpoint(ex: Executor): Promise<Checkpoint | null> {
  const rs = await ex.execute(
    `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints ORDER BY audit_id DESC, id DESC LIMIT 1`,
  );
  const row = rs.rows[0];
  return row ? toCheckpoint(row) : null;
}

export async function readCheckpointPage(
  ex: Executor,
  afterId: number,
  limit: number,
): Promise<Checkpoint[]> {
  const rs = await ex.execute({
    sql: `SELECT ${CHECKPOINT_COLUMNS} FROM audit_checkpoints WHERE id > ? ORDER BY id LIMIT ?`,
    args: [afterId, limit],
  });
  return rs.rows.map(toCheckpoint);
}
