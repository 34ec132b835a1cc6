// Pickers that keep writing through the API and remember exactly what the server acknowledged, and
// the check that a database holds those operations once each: for the durability and backup tests.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { TRPCClientError } from '@trpc/client';
import type { Database } from '../../server/db/database.ts';
import type { LedgerSeed } from './ledger-seed.ts';
import { type Api, apiClient, PASSWORD } from './test-app.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs a TypeScript file of the project in a process of its own, as `npm run` does; never rejects. */
export function runTsx(
  file: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', file, ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * A picker and stock to pick from, in a database file the test's own process never opens. `env` names
 * it (DATABASE_URL) and the signing key's file (AUDIT_KEY_FILE), as for the server.
 */
export async function seedLedgerDatabase(env: Record<string, string>): Promise<LedgerSeed> {
  const run = await runTsx('tests/support/ledger-seed.ts', [], env);
  if (run.code !== 0) throw new Error(`seeding failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as LedgerSeed;
}

export type StockRequest = {
  kind: 'pick' | 'receive';
  itemId: number;
  locationId: number;
  qty: number;
  idempotencyKey: string;
};

export type Acknowledged = StockRequest & {
  operationId: number;
  movementIds: number[];
  replayed: boolean;
  /** When the answer arrived (Date.now()). */
  at: number;
};

/** What the pickers sent: answered, or cut off by the server going away (to retry with the same key). */
export type LoadRecord = { acked: Map<string, Acknowledged>; unanswered: Map<string, StockRequest> };

export const newRecord = (): LoadRecord => ({ acked: new Map(), unanswered: new Map() });

export async function loggedIn(url: string, username: string): Promise<Api> {
  const api = apiClient(url, { batch: false });
  await api.auth.login.mutate({ username, password: PASSWORD });
  return api;
}

/** Sends one operation; an answer is recorded as acknowledged, a dropped connection as unanswered. */
export async function send(api: Api, record: LoadRecord, request: StockRequest): Promise<'acked' | 'cut'> {
  const { kind, ...input } = request;
  try {
    const result = await (kind === 'pick' ? api.stock.pick.mutate(input) : api.stock.receive.mutate(input));
    record.unanswered.delete(request.idempotencyKey);
    record.acked.set(request.idempotencyKey, {
      ...request,
      operationId: result.operationId,
      movementIds: result.movementIds,
      replayed: result.replayed,
      at: Date.now(),
    });
    return 'acked';
  } catch (error) {
    // An answer from the server (a refusal) is a test failure; no answer means the server went away.
    if (error instanceof TRPCClientError && error.data?.httpStatus !== undefined) throw error;
    record.unanswered.set(request.idempotencyKey, request);
    return 'cut';
  }
}

/**
 * `workers` loops of alternating receipts (2) and picks (1) over the given stock, each operation with
 * its own key, until `stop()` says so or the server stops answering. Stock only grows, so no pick is
 * refused.
 */
export async function runPickers(options: {
  apis: readonly Api[];
  record: LoadRecord;
  stock: readonly { itemId: number; locationId: number }[];
  keyPrefix: string;
  stop: () => boolean;
}): Promise<void> {
  const { apis, record, stock } = options;
  // One worker's failure stops the others, so the test ends with that error and nothing running.
  let failed = false;
  await Promise.all(
    apis.map(async (api, worker) => {
      for (let n = 0; !options.stop() && !failed; n++) {
        const where = stock[(worker + n) % stock.length];
        if (where === undefined) return;
        const request: StockRequest = {
          kind: n % 2 === 0 ? 'receive' : 'pick',
          ...where,
          qty: n % 2 === 0 ? 2 : 1,
          idempotencyKey: `${options.keyPrefix}-${worker}-${n}`,
        };
        const outcome = await send(api, record, request).catch((error: unknown) => {
          failed = true;
          throw error;
        });
        if (outcome === 'cut') return;
      }
    }),
  );
}

/**
 * Which acknowledged operations the database does not hold exactly as answered: each key's stored
 * result names the acknowledged operation, and that operation is one movement of the right kind,
 * place and signed quantity. Empty when every one is there once.
 */
export async function missingFrom(db: Database, acked: Iterable<Acknowledged>): Promise<string[]> {
  const all = [...acked];
  const rs = await db.reader.execute({
    sql: `SELECT k.value AS key, json_extract(i.result, '$.operationId') AS operation_id,
                 (SELECT json_group_array(json_array(m.kind, m.item_id, m.location_id, m.qty))
                    FROM movements m WHERE m.operation_id = json_extract(i.result, '$.operationId')) AS lines
          FROM json_each(?) k LEFT JOIN idempotency i ON i.key = k.value`,
    args: [JSON.stringify(all.map((a) => a.idempotencyKey))],
  });
  const found = new Map(rs.rows.map((r) => [String(r.key), r]));
  const missing: string[] = [];
  for (const a of all) {
    const row = found.get(a.idempotencyKey);
    const expected = JSON.stringify([[a.kind, a.itemId, a.locationId, a.kind === 'pick' ? -a.qty : a.qty]]);
    if (row?.operation_id === null || row === undefined) missing.push(`${a.idempotencyKey}: not stored`);
    else if (Number(row.operation_id) !== a.operationId)
      missing.push(`${a.idempotencyKey}: stored as operation ${row.operation_id}, answered ${a.operationId}`);
    else if (String(row.lines) !== expected)
      missing.push(`${a.idempotencyKey}: movements ${String(row.lines)}, expected ${expected}`);
  }
  return missing;
}
