/**
 * Login throttling, as pure arithmetic on one counter per key (an account or a client address); the
 * counters live in the database so every server instance on it sees the same ones.
 *
 * The first `freeFailures` failures cost nothing. Each failure from then on locks the key for a delay
 * that doubles from `firstDelayMs` up to `maxDelayMs`; attempts while locked are refused without
 * looking at the password. A counter is forgotten `windowMs` after its last failure or the end of
 * its last lock, whichever is later, so someone who waits out every lock still climbs to the longest
 * delay, while a person who mistyped a few times and went away starts afresh.
 */
export type ThrottleRule = {
  freeFailures: number;
  windowMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
};

export type ThrottleState = { failures: number; lockedUntil: number; forgetAt: number };

const MINUTE = 60_000;

/** 5 wrong passwords for one username, then 1 s, 2 s, 4 s ... up to 15 minutes between tries. */
export const ACCOUNT_RULE: ThrottleRule = {
  freeFailures: 5,
  windowMs: 15 * MINUTE,
  firstDelayMs: 1000,
  maxDelayMs: 15 * MINUTE,
};

/** Looser per address, since several people may share one (an office behind one router). */
export const ADDRESS_RULE: ThrottleRule = {
  freeFailures: 20,
  windowMs: 15 * MINUTE,
  firstDelayMs: 1000,
  maxDelayMs: 15 * MINUTE,
};

/** The state that still counts at `now` (null once forgotten). */
export function liveState(state: ThrottleState | null, now: number): ThrottleState | null {
  return state !== null && now < state.forgetAt ? state : null;
}

/** How long an attempt at `now` must still wait; 0 when it may go ahead. */
export function waitMs(state: ThrottleState | null, now: number): number {
  const live = liveState(state, now);
  return live === null ? 0 : Math.max(0, live.lockedUntil - now);
}

/** The counter after a failure at `now`, and how long that failure locks the key (0: not locked). */
export function afterFailure(
  state: ThrottleState | null,
  now: number,
  rule: ThrottleRule,
): { state: ThrottleState; lockMs: number } {
  const failures = (liveState(state, now)?.failures ?? 0) + 1;
  const over = failures - rule.freeFailures;
  // 2^over overflows to Infinity long after it passes the cap; min() keeps the cap.
  const lockMs = over < 0 ? 0 : Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** over);
  const lockedUntil = now + lockMs;
  return { state: { failures, lockedUntil, forgetAt: lockedUntil + rule.windowMs }, lockMs };
}

/** Whole seconds to tell a client to wait (Retry-After), never 0 for a real wait. */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
