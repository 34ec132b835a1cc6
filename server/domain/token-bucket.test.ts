import { expect, test } from 'vitest';
import { TokenBuckets } from './token-bucket.ts';

test('a bucket gives its burst, then one call per refill interval, and says how long to wait', () => {
  const buckets = new TokenBuckets({ burst: 3, perSecond: 2 });
  for (let i = 0; i < 3; i++) expect(buckets.take('ada', 0)).toEqual({ ok: true });
  expect(buckets.take('ada', 0)).toEqual({ ok: false, retryAfterMs: 500 });
  expect(buckets.take('ada', 200)).toEqual({ ok: false, retryAfterMs: 300 });
  expect(buckets.take('ada', 500)).toEqual({ ok: true });
  // Someone else's bucket is untouched; a long pause refills only up to the burst.
  expect(buckets.take('bob', 500)).toEqual({ ok: true });
  for (let i = 0; i < 3; i++) expect(buckets.take('ada', 60_000)).toEqual({ ok: true });
  expect(buckets.take('ada', 60_000).ok).toBe(false);
  buckets.giveBack('ada');
  expect(buckets.take('ada', 60_000)).toEqual({ ok: true });
});

test('memory stays bounded: full buckets are forgotten first, then the longest-known', () => {
  const buckets = new TokenBuckets({ burst: 2, perSecond: 1 }, 3);
  buckets.take('a', 0);
  buckets.take('a', 0);
  buckets.take('b', 0);
  buckets.take('c', 0);
  // At 1.5 s only b and c have refilled: they go, the drained a is kept.
  buckets.take('d', 1_500);
  expect(buckets.size).toBe(2);
  expect(buckets.take('a', 1_500)).toEqual({ ok: true });
  expect(buckets.take('a', 1_500).ok).toBe(false);
  // All busy: the longest-known makes room.
  buckets.take('e', 1_500);
  buckets.take('f', 1_500);
  expect(buckets.size).toBeLessThanOrEqual(3);
});
