// Tasks for testing the worker pool itself: each misbehaves in one way a real task could.
import { threadId } from 'node:worker_threads';
import { invalid } from '../../common/errors.ts';
import type { TaskHooks } from '../../server/workers/worker-protocol.ts';

export const FIXTURE_TASKS = {
  /** Doubles the value on whichever thread runs it, with one progress report. */
  double: async (input: { value: number }, hooks: TaskHooks) => {
    hooks.progress(0.5, 'Halfway');
    return { value: input.value * 2, threadId };
  },
  /** A bug: an ordinary exception inside the task. */
  throws: async (_input: unknown): Promise<never> => {
    throw new Error('the task broke');
  },
  /** A refusal meant for the user. */
  refuses: async (_input: unknown): Promise<never> => {
    throw invalid('There is nothing to plan in that scope');
  },
  /** Kills its thread: an exception nobody catches, outside the task's promise. */
  crashes: async (_input: unknown): Promise<never> => {
    setTimeout(() => {
      throw new Error('uncaught in the worker');
    });
    return new Promise<never>(() => {});
  },
  /** Cooperative long work: yields between slices until cancelled. */
  spins: async (_input: unknown, hooks: TaskHooks): Promise<never> => {
    for (let slice = 0; ; slice++) {
      hooks.progress(Math.min(0.99, slice / 1000), `Slice ${slice}`);
      await hooks.yield();
    }
  },
  /** Synchronous work that never yields, so it cannot see a cancel. */
  blocks: async (input: { ms: number }) => {
    const end = performance.now() + input.ms;
    while (performance.now() < end) {
      // burn the thread
    }
    return threadId;
  },
};

export type FixtureTasks = typeof FIXTURE_TASKS;

export const FIXTURE_ENTRY = new URL('./fixture-tasks.worker.ts', import.meta.url);
