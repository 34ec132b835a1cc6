import { describe, expect, test } from 'vitest';
import { type RunningApp, startApp } from '../../server/app.ts';
import type { SchedulerStats } from '../../server/services/scheduler.service.ts';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { BACKENDS } from '../support/backends.ts';
import { createFactories } from '../support/factories.ts';
import { type Api, apiClient, PASSWORD, startFixture } from '../support/test-app.ts';

// Two instances of the server on one database, as behind a load balancer.

const DAY_MS = 86_400_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function schedulerOf(app: RunningApp): Promise<SchedulerStats> {
  const health = (await (await fetch(`${app.url}/healthz`)).json()) as { scheduler: SchedulerStats };
  return health.scheduler;
}

async function login(app: RunningApp, username: string): Promise<Api> {
  const client = apiClient(app.url);
  await client.auth.login.mutate({ username, password: PASSWORD });
  return client;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000): Promise<T> {
  const deadline = performance.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || performance.now() > deadline) return value;
    await sleep(25);
  }
}

describe.each(BACKENDS)('two instances on $name', (backend) => {
  test.skipIf(!backend.available)(
    'only one instance runs the maintenance scheduler in each interval; the other takes over when it stops',
    async () => {
      const db = await backend.open();
      const interval = 150;
      const a = await startApp({ databaseUrl: db.url, log: () => {}, schedulerIntervalMs: interval });
      const b = await startApp({ databaseUrl: db.url, log: () => {}, schedulerIntervalMs: interval });
      try {
        const f = createFactories(a.services);
        const asset = await f.newAsset({ tag: 'CMP-77' });
        await f.newMaintenancePlan(asset.id, { intervalDays: 30, lastDoneAt: Date.now() - 31 * DAY_MS });
        await sleep(interval * 8);
        const [sa, sb] = [await schedulerOf(a), await schedulerOf(b)];
        // Both ticked all along; one held the lease every time, so the other never ran.
        expect(sa.runs + sb.runs).toBeGreaterThanOrEqual(4);
        expect(Math.min(sa.runs, sb.runs)).toBe(0);
        expect(sa.raised + sb.raised).toBe(1);
        expect(await a.services.workOrders.list({ assetId: asset.id, limit: 10 })).toHaveLength(1);

        const [leader, other] = sa.runs > 0 ? [a, b] : [b, a];
        const before = (await schedulerOf(other)).runs;
        await leader.close();
        await sleep(interval * 4);
        const after = await schedulerOf(other);
        expect(after.runs).toBeGreaterThan(before);
        expect(after.holdsLease).toBe(true);
      } finally {
        await Promise.allSettled([a.close(), b.close()]);
        await db.close();
      }
    },
    60_000,
  );

  test.skipIf(!backend.available)(
    'a job started on one instance shows its progress and result on the other, which can cancel it',
    async () => {
      const db = await backend.open();
      const fx = await startFixture(db.url);
      const b = await startApp({ databaseUrl: db.url, log: () => {} });
      try {
        const onA = fx.as.planner;
        const onB = await login(b, 'plan');
        await onA.twin.publish.mutate({ document: demoWarehouse(), note: 'two instances' });

        const quick = await onA.droneAudits.plan.mutate({ scope: { kind: 'aisle', aisle: 'B' } });
        const done = await until(
          () => onB.jobs.get.query({ id: quick.id }),
          (v) => v.status !== 'running',
        );
        expect(done).toMatchObject({ status: 'done', progress: 1, error: null });
        const { auditId } = done.result as { auditId: number };
        expect((await onB.droneAudits.get.query({ id: auditId })).figures.bins).toBe(440);

        const slow = await onA.droneAudits.plan.mutate({
          scope: { kind: 'all' },
          config: { optimiseMs: 20_000 },
        });
        const seen = await until(
          () => onB.jobs.get.query({ id: slow.id }),
          (v) => v.progress > 0.05 || v.status !== 'running',
        );
        expect(seen).toMatchObject({ status: 'running', kind: 'drone-audit.plan' });
        expect(seen.progress).toBeGreaterThan(0.05);
        expect(seen.stage).not.toBe('Starting');

        const asked = performance.now();
        await onB.jobs.cancel.mutate({ id: slow.id });
        const ended = await until(
          () => onB.jobs.get.query({ id: slow.id }),
          (v) => v.status !== 'running',
        );
        expect(ended.status).toBe('cancelled');
        // Seen by A at its next renewal (every second), then stopped within one slice.
        expect(performance.now() - asked).toBeLessThan(5_000);
        expect(await onA.jobs.get.query({ id: slow.id })).toMatchObject({ status: 'cancelled' });
      } finally {
        await Promise.allSettled([fx.app.close(), b.close()]);
        await db.close();
      }
    },
    90_000,
  );
});
