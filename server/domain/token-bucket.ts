/**
 * Token buckets, one per key: each holds up to `burst` tokens and regains `perSecond` of them every
 * second; a call takes one or is refused, and a refusal says how long until the next token. Time is
 * passed in, so this is deterministic under test.
 *
 * Memory stays bounded: a bucket that has filled up again is the same as no bucket, so once there
 * are more than `maxKeys` the full ones are forgotten, and if that is not enough the longest-known go.
 */
export type BucketRule = { burst: number; perSecond: number };

export type Take = { ok: true } | { ok: false; retryAfterMs: number };

type Bucket = { tokens: number; at: number };

export class TokenBuckets {
  readonly #rule: BucketRule;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(rule: BucketRule, maxKeys = 10_000) {
    if (!(rule.burst >= 1) || !(rule.perSecond > 0))
      throw new Error('a bucket needs burst >= 1 and a rate > 0');
    this.#rule = rule;
    this.#maxKeys = maxKeys;
  }

  /** Takes a token for `key` at time `now` (ms), or says how long until one is there. */
  take(key: string, now: number): Take {
    const bucket = this.#refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / this.#rule.perSecond) * 1000) };
  }

  /** Puts back a token taken for a call that was then refused for another reason. */
  giveBack(key: string): void {
    const bucket = this.#buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.#rule.burst, bucket.tokens + 1);
  }

  get size(): number {
    return this.#buckets.size;
  }

  #refilled(key: string, now: number): Bucket {
    const bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      if (this.#buckets.size >= this.#maxKeys) this.#prune(now);
      const fresh = { tokens: this.#rule.burst, at: now };
      this.#buckets.set(key, fresh);
      return fresh;
    }
    const elapsedS = Math.max(0, now - bucket.at) / 1000;
    bucket.tokens = Math.min(this.#rule.burst, bucket.tokens + elapsedS * this.#rule.perSecond);
    bucket.at = now;
    return bucket;
  }

  #prune(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      const elapsedS = Math.max(0, now - bucket.at) / 1000;
      if (bucket.tokens + elapsedS * this.#rule.perSecond >= this.#rule.burst) this.#buckets.delete(key);
    }
    // Still full of busy keys: drop the longest-known (a Map iterates in insertion order).
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size < this.#maxKeys) break;
      this.#buckets.delete(key);
    }
  }
}
