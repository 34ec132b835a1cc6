import { createHash } from 'node:crypto';
import { conflict, type DomainError } from '../../common/errors.ts';
import { appendAudit } from '../db/audit.repository.ts';
import {
  findStoredResults,
  insertMovements,
  loadSnapshot,
  nextMovementId,
  type StoredLine,
  scopedKey,
  storeResults,
  upsertStock,
} from '../db/ledger.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import type { AuditContent } from '../domain/audit-chain.ts';
import {
  planStockOperations,
  type StockAfter,
  type StockOperation,
  stockKey,
  touchedKeys,
} from '../domain/stock-ledger.ts';
import type { Clock } from './clock.ts';

export type LedgerRequest = {
  op: StockOperation;
  actorId: number | null;
  /** A replay with the same key gets the first result back and writes nothing. */
  idempotencyKey?: string | undefined;
  /**
   * What identifies "the same request" for the key. Defaults to the operation; a caller that derives
   * the operation from changing state (consuming a reservation) passes its own input instead.
   */
  requestFingerprint?: string | undefined;
  /** Only the seed sets this, to write history; live requests are stamped by the clock. */
  at?: number | undefined;
};

export type LedgerResult = {
  operationId: number;
  movementIds: number[];
  itemId: number;
  stock: StockAfter[];
  replayed: boolean;
};

type Outcome = { ok: true; value: LedgerResult } | { ok: false; error: DomainError };

/**
 * Posts stock operations inside a write transaction: loads what they touch, lets the pure ledger
 * decide, then writes movements, on-hand, idempotency results and audit entries with a few multi-row
 * statements, and announces the new stock of each accepted operation. A refused operation is
 * reported in its slot and writes nothing.
 */
export async function postStockOperations(
  tx: WriteTx,
  requests: readonly LedgerRequest[],
  now: number,
  /** Bulk callers (an import of 100,000 rows) announce one summary event of their own instead. */
  options: { announce: boolean } = { announce: true },
): Promise<Outcome[]> {
  const outcomes: (Outcome | undefined)[] = new Array(requests.length);
  // Only keyed requests are compared, and hashing 100,000 unkeyed counts of an import costs real time.
  const fingerprints = requests.map((r) => (r.idempotencyKey === undefined ? '' : fingerprint(r)));
  // Keys are the sender's own: the same key from another user is another request.
  const keys = requests.flatMap((r) =>
    r.idempotencyKey ? [{ actorId: r.actorId, key: r.idempotencyKey }] : [],
  );
  const stored = await findStoredResults(tx, keys);
  const firstInGroup = new Map<string, number>();
  const scoped = (r: LedgerRequest) =>
    r.idempotencyKey === undefined ? undefined : scopedKey(r.actorId, r.idempotencyKey);

  const fresh: number[] = [];
  requests.forEach((r, i) => {
    const key = scoped(r);
    if (r.idempotencyKey === undefined || key === undefined) {
      fresh.push(i);
      return;
    }
    const previous = stored.get(key);
    if (previous) {
      outcomes[i] =
        previous.operation === fingerprints[i]
          ? { ok: true, value: { ...(JSON.parse(previous.result) as LedgerResult), replayed: true } }
          : { ok: false, error: reusedKey(r.idempotencyKey) };
      return;
    }
    if (firstInGroup.has(key)) return; // answered below, from the first request with this key
    firstInGroup.set(key, i);
    fresh.push(i);
  });

  if (fresh.length > 0) {
    const ops = fresh.map((i) => requests[i]?.op).filter((op) => op !== undefined);
    const snapshot = await loadSnapshot(
      tx,
      ops.flatMap((op) => touchedKeys(op).map((k) => ({ ...k, lot: k.lot.trim() }))),
    );
    const plans = planStockOperations(snapshot, ops);
    let nextId = await nextMovementId(tx);
    const lines: StoredLine[] = [];
    const results: { key: string; actorId: number | null; operation: string; result: string; at: number }[] =
      [];
    const audit: AuditContent[] = [];
    plans.forEach((plan, k) => {
      const i = fresh[k] ?? -1;
      const req = requests[i];
      if (req === undefined) return;
      if (!plan.ok) {
        outcomes[i] = plan;
        return;
      }
      const at = req.at ?? now;
      const operationId = nextId;
      const movementIds: number[] = [];
      for (const line of plan.plan.lines) {
        movementIds.push(nextId);
        lines.push({ ...line, id: nextId, operationId, actorId: req.actorId, at });
        nextId += 1;
      }
      const value: LedgerResult = {
        operationId,
        movementIds,
        itemId: req.op.itemId,
        stock: plan.plan.after,
        replayed: false,
      };
      outcomes[i] = { ok: true, value };
      if (options.announce) tx.emit({ type: 'stock', itemId: value.itemId, locations: value.stock });
      if (req.idempotencyKey) {
        results.push({
          key: req.idempotencyKey,
          actorId: req.actorId,
          operation: fingerprints[i] ?? '',
          result: JSON.stringify(value),
          at,
        });
      }
      audit.push({
        actorId: req.actorId,
        action: `stock.${req.op.kind}`,
        entity: 'item',
        entityId: String(req.op.itemId),
        data: JSON.stringify({ op: req.op, movementIds, stock: plan.plan.after }),
        createdAt: at,
      });
    });
    // Only rows some accepted operation changed are written back.
    const changed = new Set(
      lines.map((l) => stockKey(l.itemId, l.locationId, l.lot)).concat(reservationKeys(plans, ops)),
    );
    await insertMovements(tx, lines);
    const countedAt = new Map(
      lines.filter((l) => l.kind === 'count').map((l) => [stockKey(l.itemId, l.locationId, l.lot), l.at]),
    );
    await upsertStock(
      tx,
      [...changed].flatMap((k) => {
        const row = snapshot.stock.get(k);
        if (row === undefined) return [];
        const at = countedAt.get(k);
        return [at === undefined ? row : { ...row, lastCountedAt: at }];
      }),
    );
    await storeResults(tx, results);
    await appendAudit(tx, audit);
  }

  // Duplicates of a user's key within one group share the first one's answer.
  requests.forEach((r, i) => {
    const key = scoped(r);
    if (outcomes[i] !== undefined || r.idempotencyKey === undefined || key === undefined) return;
    const firstIndex = firstInGroup.get(key) ?? -1;
    const first = outcomes[firstIndex];
    if (first?.ok && fingerprints[i] === fingerprints[firstIndex]) {
      outcomes[i] = { ok: true, value: { ...first.value, replayed: true } };
    } else if (first?.ok) {
      outcomes[i] = { ok: false, error: reusedKey(r.idempotencyKey) };
    } else {
      outcomes[i] = first ?? { ok: false, error: conflict('The first request with this key was refused') };
    }
  });
  return outcomes.map((o) => o ?? { ok: false, error: conflict('Operation was not processed') });
}

function reservationKeys(plans: ReturnType<typeof planStockOperations>, ops: StockOperation[]): string[] {
  return plans.flatMap((p, k) => {
    const op = ops[k];
    if (!p.ok || op === undefined || (op.kind !== 'reserve' && op.kind !== 'release')) return [];
    return p.plan.after.map((a) => stockKey(op.itemId, a.locationId, a.lot));
  });
}

function fingerprint(r: LedgerRequest): string {
  return `${r.op.kind}:${createHash('sha1')
    .update(r.requestFingerprint ?? JSON.stringify(r.op))
    .digest('base64url')}`;
}

function reusedKey(key: string): DomainError {
  return conflict(`The idempotency key ${key} was already used for a different request`);
}

/** The ledger as the API sees it: requests join the writer's next group commit. */
export class StockLedgerService {
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #batch = async (tx: WriteTx, reqs: LedgerRequest[]) =>
    postStockOperations(tx, reqs, this.#clock.now());

  constructor(deps: { writer: Writer; clock: Clock }) {
    this.#writer = deps.writer;
    this.#clock = deps.clock;
  }

  async post(request: LedgerRequest): Promise<LedgerResult> {
    const outcome = await this.#writer.submit(this.#batch, request);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }
}
