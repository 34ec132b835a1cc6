import { createHash } from 'node:crypto';

/**
 * The audit log is a hash chain: each entry's hash covers its own content and the previous hash,
 * so changing, inserting or removing any row breaks every hash after it.
 */
export type AuditContent = {
  actorId: number | null;
  action: string;
  entity: string;
  entityId: string;
  data: string;
  createdAt: number;
};
export type AuditEntry = AuditContent & { id: number; prevHash: string; hash: string };

export const GENESIS_HASH = '0'.repeat(64);

/** The id is hashed too, so renumbering an entry in place is caught like any other edit. */
export function hashAuditEntry(prevHash: string, id: number, e: AuditContent): string {
  // A fixed field order and separators that cannot appear unescaped keep the encoding unambiguous.
  const canonical = JSON.stringify([
    prevHash,
    id,
    e.actorId,
    e.action,
    e.entity,
    e.entityId,
    e.data,
    e.createdAt,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainVerdict =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAtId: number; reason: string };

/** Verifies entries in id order, continuing from `prevHash` (so it can run page by page). */
export function verifyAuditChain(entries: readonly AuditEntry[], prevHash = GENESIS_HASH): ChainVerdict {
  let prev = prevHash;
  let checked = 0;
  for (const e of entries) {
    if (e.prevHash !== prev) {
      return { ok: false, checked, brokenAtId: e.id, reason: 'does not follow the entry before it' };
    }
    if (hashAuditEntry(prev, e.id, e) !== e.hash) {
      return { ok: false, checked, brokenAtId: e.id, reason: 'its content does not match its hash' };
    }
    prev = e.hash;
    checked += 1;
  }
  return { ok: true, checked, lastHash: prev };
}
