import { expect, test } from 'vitest';
import {
  ACCOUNT_RULE,
  afterFailure,
  retryAfterSeconds,
  type ThrottleState,
  waitMs,
} from './login-throttle.ts';

const MINUTE = 60_000;

function fail(times: number, state: ThrottleState | null, now: number) {
  let s = state;
  const locks: number[] = [];
  for (let i = 0; i < times; i++) {
    const next = afterFailure(s, now, ACCOUNT_RULE);
    s = next.state;
    locks.push(next.lockMs);
  }
  return { state: s, locks };
}

test('five failures are free, then each one locks for twice as long as the last, up to 15 minutes', () => {
  const { state, locks } = fail(20, null, 0);
  expect(locks.slice(0, 4)).toEqual([0, 0, 0, 0]);
  expect(locks.slice(4, 9)).toEqual([1000, 2000, 4000, 8000, 16_000]);
  expect(locks.at(-1)).toBe(15 * MINUTE);
  expect(state?.failures).toBe(20);
  expect(waitMs(state, 0)).toBe(15 * MINUTE);
});

test('a locked key may try again once the lock has passed, and is told how long to wait until then', () => {
  const { state } = fail(6, null, 10_000);
  expect(waitMs(state, 10_000)).toBe(2000);
  expect(retryAfterSeconds(waitMs(state, 10_001))).toBe(2);
  expect(waitMs(state, 12_000)).toBe(0);
});

test('waiting out each lock does not reset the count: the delays keep growing', () => {
  let { state } = fail(5, null, 0);
  let now = 0;
  const locks: number[] = [];
  for (let i = 0; i < 4; i++) {
    now += waitMs(state, now);
    const next = afterFailure(state, now, ACCOUNT_RULE);
    state = next.state;
    locks.push(next.lockMs);
  }
  expect(locks).toEqual([2000, 4000, 8000, 16_000]);
});

test('the count is forgotten 15 minutes after the last failure or lock', () => {
  const { state } = fail(5, null, 0);
  // Locked for 1 s by the fifth failure; forgotten 15 minutes after that.
  expect(afterFailure(state, 15 * MINUTE, ACCOUNT_RULE).state.failures).toBe(6);
  expect(afterFailure(state, 15 * MINUTE + 1000, ACCOUNT_RULE)).toEqual({
    state: { failures: 1, lockedUntil: 15 * MINUTE + 1000, forgetAt: 30 * MINUTE + 1000 },
    lockMs: 0,
  });
});
