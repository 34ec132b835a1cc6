import { expect, test } from 'vitest';
import { BoundedGate } from './bounded-gate.ts';

function deferred() {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

test('runs at most two at once, queues a few, and refuses the rest without running them', async () => {
  const gate = new BoundedGate(2, 3);
  const started: number[] = [];
  const finish = Array.from({ length: 8 }, deferred);
  const runs = finish.map((d, i) =>
    gate.run(async () => {
      started.push(i);
      await d.promise;
      return i;
    }),
  );
  await Promise.resolve();
  expect(started).toEqual([0, 1]);
  expect(runs.map((r) => r !== null)).toEqual([true, true, true, true, true, false, false, false]);
  expect([gate.running, gate.waiting]).toEqual([2, 3]);

  finish[0]?.resolve();
  await runs[0];
  await Promise.resolve();
  // The freed slot goes to the longest waiting, in order.
  expect(started).toEqual([0, 1, 2]);
  expect([gate.running, gate.waiting]).toEqual([2, 2]);

  for (const d of finish) d.resolve();
  expect(await Promise.all(runs.filter((r) => r !== null))).toEqual([0, 1, 2, 3, 4]);
  expect([gate.running, gate.waiting]).toEqual([0, 0]);
});

test('a failed piece of work frees its slot', async () => {
  const gate = new BoundedGate(1, 0);
  await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  expect(await gate.run(() => Promise.resolve('next'))).toBe('next');
});
