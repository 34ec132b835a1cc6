/**
 * Runs at most `concurrency` pieces of work at once with at most `queueLimit` waiting; beyond that
 * work is refused at once (`run` returns null) instead of queueing without bound.
 *
 * Why: password hashing runs on libuv's thread pool (4 threads), which the static file server,
 * DNS and zlib share. Unbounded, a flood of logins queues hundreds of ~50 ms hashes ahead of every
 * file read and stalls pages for everyone; capped, the other threads stay free.
 */
export class BoundedGate {
  readonly #concurrency: number;
  readonly #queueLimit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(concurrency: number, queueLimit: number) {
    this.#concurrency = concurrency;
    this.#queueLimit = queueLimit;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  run<T>(work: () => Promise<T>): Promise<T> | null {
    if (this.#running >= this.#concurrency && this.#waiting.length >= this.#queueLimit) return null;
    return this.#slot().then(async () => {
      try {
        return await work();
      } finally {
        this.#release();
      }
    });
  }

  #slot(): Promise<void> {
    if (this.#running < this.#concurrency) {
      this.#running += 1;
      return Promise.resolve();
    }
    // The slot is handed over by #release without dropping the count, so nobody can cut in.
    return new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#running -= 1;
  }
}
