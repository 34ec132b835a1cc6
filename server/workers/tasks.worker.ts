// The entry of the app's worker threads (see bootstrap.mjs and worker-pool.ts).
import { serveTasks } from './serve-tasks.ts';
import { TASKS } from './tasks.ts';

serveTasks(TASKS);
