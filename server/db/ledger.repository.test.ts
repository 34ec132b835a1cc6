import type { InStatement } from '@libsql/client';
import { describe, expect, test } from 'vitest';
import { useServices } from '../../tests/support/service-harness.ts';
import { findStoredResults } from './ledger.repository.ts';

describe('the ledger repository on SQLite', () => {
  const t = useServices();

  /** How SQLite runs the statements a repository function sends (it is given no rows to return). */
  async function plansOf(run: (ex: Parameters<typeof findStoredResults>[0]) => Promise<unknown>) {
    const { db } = t().services;
    const sent: InStatement[] = [];
    const capture = {
      execute: async (stmt: InStatement) => {
        sent.push(stmt);
        return db.reader.execute(stmt);
      },
      batch: db.reader.batch.bind(db.reader),
    } as unknown as Parameters<typeof findStoredResults>[0];
    await run(capture);
    const plans: string[] = [];
    for (const stmt of sent) {
      const s = typeof stmt === 'string' ? { sql: stmt, args: [] } : stmt;
      const rs = await db.reader.execute({ sql: `EXPLAIN QUERY PLAN ${s.sql}`, args: s.args ?? [] });
      plans.push(...rs.rows.map((r) => String(r.detail)));
    }
    return plans;
  }

  test('an idempotency look-up finds each key by the whole (user, key) primary key, not by scanning the user’s keys', async () => {
    const plans = await plansOf((ex) => findStoredResults(ex, [{ actorId: 1, key: 'pick-1' }]));
    // Before: `SEARCH idempotency USING PRIMARY KEY (actor_id=?)`, every key the user ever sent read per
    // look-up, so picks slowed as history grew (1,516 -> 932 picks/s over three 4 s rounds).
    expect(plans).toContainEqual(expect.stringMatching(/USING PRIMARY KEY \(actor_id=\? AND key=\?\)/));
    expect(plans.join('\n')).not.toMatch(/PRIMARY KEY \(actor_id=\?\)$/m);
  });
});
