import { threadId } from 'node:worker_threads';
import { afterEach, describe, expect, test } from 'vitest';
import { DomainError } from '../../common/errors.ts';
import { FIXTURE_ENTRY, FIXTURE_TASKS, type FixtureTasks } from '../../tests/support/fixture-tasks.ts';
import { WorkerPool } from './worker-pool.ts';
import { TaskCancelledError, WorkerTaskError } from './worker-protocol.ts';

// Real worker threads running the fixture tasks through the same bootstrap as the app's.
describe('the worker pool', () => {
  const pools: WorkerPool<FixtureTasks>[] = [];
  const logged: string[] = [];
  const pool = (size: number, options: { cancelGraceMs?: number } = {}) => {
    const p = new WorkerPool<FixtureTasks>({
      size,
      entry: FIXTURE_ENTRY,
      inline: async () => FIXTURE_TASKS,
      log: (message) => logged.push(message),
      ...options,
    });
    pools.push(p);
    return p;
  };
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.close()));
    logged.length = 0;
  });

  test('runs a task on another thread and passes its progress back', async () => {
    const p = pool(1);
    const progress: [number, string][] = [];
    const out = await p.run('double', { value: 21 }, { progress: (f, s) => progress.push([f, s]) });
    expect(out.value).toBe(42);
    expect(out.threadId).not.toBe(threadId);
    expect(progress).toEqual([[0.5, 'Halfway']]);
  });

  test('a throw inside the worker fails only that task, and the same thread takes the next one', async () => {
    const p = pool(1);
    const first = await p.run('double', { value: 1 });
    const failure = await p.run('throws', {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkerTaskError);
    expect(failure).toMatchObject({ task: 'throws', crashed: false });
    expect((failure as Error).message).toContain('the task broke');
    // A refusal keeps its kind and message across the thread, so the API answers it as a 400.
    const refusal = await p.run('refuses', {}).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: 'invalid', message: 'There is nothing to plan in that scope' });
    const next = await p.run('double', { value: 2 });
    expect(next).toEqual({ value: 4, threadId: first.threadId });
    expect(p.stats).toMatchObject({ threads: 1, busy: 0, queued: 0, crashed: 0 });
  });

  test('a thread that dies fails the task it ran, is logged, and the next task gets a fresh thread', async () => {
    const p = pool(1);
    const before = await p.run('double', { value: 1 });
    const failure = await p.run('crashes', {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkerTaskError);
    expect(failure).toMatchObject({ task: 'crashes', crashed: true });
    expect(logged).toEqual(['worker thread running "crashes" stopped']);
    const after = await p.run('double', { value: 3 });
    expect(after.value).toBe(6);
    expect(after.threadId).not.toBe(before.threadId);
    expect(p.stats).toMatchObject({ threads: 1, busy: 0, crashed: 1 });
  });

  test('never runs more threads than its size; interactive work goes ahead of waiting jobs', async () => {
    const p = pool(1);
    const order: string[] = [];
    const track = <T>(name: string, promise: Promise<T>) => promise.then(() => order.push(name));
    const running = track('blocking job', p.run('blocks', { ms: 300 }));
    const queuedJob = track('queued job', p.run('double', { value: 1 }));
    const navmesh = track('interactive', p.run('double', { value: 2 }, { priority: 'interactive' }));
    expect(p.stats).toMatchObject({ threads: 1, busy: 1, queued: 2 });
    await Promise.all([running, queuedJob, navmesh]);
    expect(order).toEqual(['blocking job', 'interactive', 'queued job']);
  });

  test('cancelling stops cooperative work at its next slice, and a waiting task before it starts', async () => {
    const p = pool(1);
    const spinning = new AbortController();
    let slices = 0;
    const spin = p
      .run('spins', {}, { signal: spinning.signal, progress: () => slices++ })
      .catch((e: unknown) => e);
    const waiting = new AbortController();
    const queued = p.run('double', { value: 1 }, { signal: waiting.signal }).catch((e: unknown) => e);
    while (slices < 3) await new Promise((r) => setTimeout(r, 5));
    waiting.abort();
    expect(await queued).toBeInstanceOf(TaskCancelledError);
    const t0 = performance.now();
    spinning.abort();
    expect(await spin).toBeInstanceOf(TaskCancelledError);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(p.stats).toMatchObject({ busy: 0, queued: 0, crashed: 0 });
  });

  test('work that cannot see a cancel has its thread stopped after the grace period', async () => {
    const p = pool(1, { cancelGraceMs: 100 });
    const stop = new AbortController();
    const blocked = p.run('blocks', { ms: 30_000 }, { signal: stop.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    stop.abort();
    expect(await blocked).toBeInstanceOf(TaskCancelledError);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect((await p.run('double', { value: 5 })).value).toBe(10);
  });

  test('size 0 runs tasks on the calling thread', async () => {
    const p = pool(0);
    expect(await p.run('double', { value: 4 })).toEqual({ value: 8, threadId });
    expect(p.stats.threads).toBe(0);
  });
});
