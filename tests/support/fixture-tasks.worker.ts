// A worker entry serving the pool tests' misbehaving tasks (see fixture-tasks.ts).
import { serveTasks } from '../../server/workers/serve-tasks.ts';
import { FIXTURE_TASKS } from './fixture-tasks.ts';

serveTasks(FIXTURE_TASKS);
