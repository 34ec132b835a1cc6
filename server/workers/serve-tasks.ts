import { setImmediate as nextTurn } from 'node:timers/promises';
import { parentPort } from 'node:worker_threads';
import { exhaustive } from '../../common/errors.ts';
import {
  type FromWorker,
  serializeError,
  TaskCancelledError,
  type TaskHooks,
  type TaskRegistry,
  type ToWorker,
} from './worker-protocol.ts';

/**
 * The worker thread's side of the pool: runs each task it is sent with hooks that report progress
 * to the main thread and notice a cancel at every `yield`, and answers with the output or the
 * error. One task at a time; the pool never sends a second before the first is answered.
 */
export function serveTasks(registry: TaskRegistry): void {
  const port = parentPort;
  if (port === null) throw new Error('serveTasks runs inside a worker thread');
  const post = (message: FromWorker) => port.postMessage(message);
  const running = new Map<number, AbortController>();

  const run = async (id: number, name: string, input: unknown) => {
    const controller = new AbortController();
    running.set(id, controller);
    const hooks: TaskHooks = {
      signal: controller.signal,
      progress: (fraction, stage) => post({ type: 'progress', id, fraction, stage }),
      yield: async () => {
        // A turn of the loop delivers a waiting cancel message.
        await nextTurn();
        if (controller.signal.aborted) throw new TaskCancelledError();
      },
    };
    try {
      const task = registry[name];
      if (task === undefined) throw new Error(`unknown task "${name}"`);
      const output: unknown = await task(input, hooks);
      if (controller.signal.aborted) throw new TaskCancelledError();
      post({ type: 'done', id, output });
    } catch (error) {
      post({ type: 'failed', id, error: serializeError(error, controller.signal.aborted) });
    } finally {
      running.delete(id);
    }
  };

  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'run':
        void run(message.id, message.task, message.input);
        break;
      case 'cancel':
        running.get(message.id)?.abort();
        break;
      default:
        exhaustive(message);
    }
  });
}
