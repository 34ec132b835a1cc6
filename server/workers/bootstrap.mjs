// Every worker thread starts here: plain JavaScript that registers tsx's loader in this thread, then
// imports the TypeScript entry the pool names. The same file works under `tsx` (npm start, npm run
// dev), plain `node --import tsx` (the benchmarks' server process) and vitest, which transforms
// test files itself and gives a worker no loader of its own.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
