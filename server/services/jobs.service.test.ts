import { afterAll, describe, expect, test } from 'vitest';
import { FIXTURE_ENTRY, FIXTURE_TASKS, type FixtureTasks } from '../../tests/support/fixture-tasks.ts';
import { testClock, useServices } from '../../tests/support/service-harness.ts';
import { WorkerPool } from '../workers/worker-pool.ts';
import { JobService } from './jobs.service.ts';

describe('jobs (JobService) below HTTP', () => {
  const t = useServices();
  const pool = new WorkerPool<FixtureTasks>({
    size: 1,
    entry: FIXTURE_ENTRY,
    inline: async () => FIXTURE_TASKS,
    log: () => {},
  });
  afterAll(() => pool.close());

  test('a throw inside the worker fails the job with a message saying so, and frees the pool for the next', async () => {
    const { services, factories } = t();
    const planner = await factories.newUser('planner');
    const broken = await services.jobs.start('test.broken', planner.id, (ctx) =>
      pool.run('throws', {}, { signal: ctx.signal }),
    );
    expect(await services.jobs.settled(broken.id)).toMatchObject({
      status: 'failed',
      error:
        'The job failed unexpectedly in its worker thread (the server log has the details); start it again.',
    });
    const crashed = await services.jobs.start('test.crash', planner.id, (ctx) =>
      pool.run('crashes', {}, { signal: ctx.signal }),
    );
    expect(await services.jobs.settled(crashed.id)).toMatchObject({ status: 'failed' });
    // A refusal from inside the worker reaches the person as it was written.
    const refused = await services.jobs.start('test.refused', planner.id, (ctx) =>
      pool.run('refuses', {}, { signal: ctx.signal }),
    );
    expect(await services.jobs.settled(refused.id)).toMatchObject({
      status: 'failed',
      error: 'There is nothing to plan in that scope',
    });
    const next = await services.jobs.start('test.ok', planner.id, (ctx) =>
      pool.run('double', { value: 21 }, { signal: ctx.signal, progress: ctx.progress }),
    );
    expect(await services.jobs.settled(next.id)).toMatchObject({
      status: 'done',
      progress: 1,
      result: { value: 42 },
    });
    expect(pool.stats).toMatchObject({ busy: 0, queued: 0 });
  });

  test('a job whose instance stopped renewing its lease is failed, as any other instance sees it', async () => {
    const { services, factories, clock } = t();
    const planner = await factories.newUser('planner');
    const wall = testClock(Date.parse('2026-06-01T08:00:00Z'));
    const onA = new JobService({
      db: services.db,
      writer: services.writer,
      clock,
      instanceId: 'instance-a',
      leaseClock: wall,
      leaseMs: 10_000,
      // Never renews within the test: as if instance A had been killed after starting the job.
      renewMs: 3_600_000,
    });
    const onB = new JobService({
      db: services.db,
      writer: services.writer,
      clock,
      instanceId: 'instance-b',
      leaseClock: wall,
    });
    const job = await onA.start('test.stuck', planner.id, (ctx) =>
      pool.run('spins', {}, { signal: ctx.signal }),
    );
    wall.advance(9_999);
    expect(await onB.get(job.id, planner.id)).toMatchObject({ status: 'running' });
    wall.advance(1);
    expect(await onB.get(job.id, planner.id)).toMatchObject({
      status: 'failed',
      error: 'The server running this job stopped before it finished; start it again.',
    });
    await onA.close();
    // A's own end, written after B failed the job, does not overwrite what B recorded.
    expect(await onB.get(job.id, planner.id)).toMatchObject({ status: 'failed' });
  });
});
