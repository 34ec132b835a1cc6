import { releaseLease, takeLease } from '../db/leases.repository.ts';
import type { Writer } from '../db/writer.ts';
import { raiseDueWorkOrders } from './assets.service.ts';
import { type Clock, systemClock } from './clock.ts';

const LEASE = 'maintenance-scheduler';

export type SchedulerStats = {
  instance: string;
  intervalMs: number;
  /** Ticks on which this instance held the lease and looked for due plans. */
  runs: number;
  /** Work orders those runs raised. */
  raised: number;
  /** Wall-clock time of the last run here, or null. */
  lastRunAt: number | null;
  holdsLease: boolean;
};

/**
 * The maintenance scheduler: every interval, raise a work order for each plan that has fallen due.
 * With several instances on one database only one does it: each tick takes the scheduler's lease
 * (or renews it) in the same transaction as the work, so two instances can never both run within
 * one lease. The holder renews on every tick and keeps the lease while it lives; if it stops, its
 * lease runs out after 1.5 intervals (at once when it stops cleanly) and the next instance to tick
 * takes over.
 */
export class SchedulerService {
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #leaseClock: Clock;
  readonly #instanceId: string;
  #timer: NodeJS.Timeout | null = null;
  #ticking: Promise<unknown> | null = null;
  readonly stats: SchedulerStats;

  constructor(deps: { writer: Writer; clock: Clock; instanceId: string; leaseClock?: Clock }) {
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#leaseClock = deps.leaseClock ?? systemClock;
    this.#instanceId = deps.instanceId;
    this.stats = {
      instance: deps.instanceId,
      intervalMs: 0,
      runs: 0,
      raised: 0,
      lastRunAt: null,
      holdsLease: false,
    };
  }

  /** Ticks every `intervalMs` until `stop`. */
  start(intervalMs: number, log: (message: string) => void): void {
    this.stats.intervalMs = intervalMs;
    this.#timer = setInterval(() => {
      if (this.#ticking) return; // a slow database: never two ticks of one instance at once
      this.#ticking = this.tick(intervalMs)
        .catch((e: unknown) => log(`Maintenance scheduler failed: ${String(e)}`))
        .finally(() => {
          this.#ticking = null;
        });
    }, intervalMs);
    this.#timer.unref();
  }

  /**
   * One tick: with the lease (taken or renewed until 1.5 intervals from now), raises what is due
   * and returns the new work orders; without it (another instance holds it) does nothing: null.
   */
  async tick(intervalMs: number): Promise<number[] | null> {
    const now = this.#leaseClock.now();
    const raised = await this.#writer.run(async (tx) => {
      const held = await takeLease(tx, {
        name: LEASE,
        owner: this.#instanceId,
        now,
        expiresAt: now + Math.round(intervalMs * 1.5),
      });
      return held ? raiseDueWorkOrders(tx, this.#clock.now(), null) : null;
    });
    this.stats.holdsLease = raised !== null;
    if (raised !== null) {
      this.stats.runs += 1;
      this.stats.raised += raised.length;
      this.stats.lastRunAt = now;
    }
    return raised;
  }

  /** Stops ticking and gives the lease up, so another instance takes over at its next tick. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#ticking;
    if (this.stats.holdsLease) {
      await this.#writer.run((tx) => releaseLease(tx, LEASE, this.#instanceId));
      this.stats.holdsLease = false;
    }
  }
}
