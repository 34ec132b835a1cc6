/** Time is injected so the scheduler, the seed and the tests can run on a clock they control. */
export type Clock = { now(): number };
export const systemClock: Clock = { now: () => Date.now() };
