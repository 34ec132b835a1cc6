// The middle test depth: the real services on a temporary libSQL file, below HTTP. Business flows are
// tested here with factories; transport, roles and journeys stay in tests/integration and tests/e2e.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { openServices } from '../../server/app.ts';
import type { Clock } from '../../server/services/clock.ts';
import type { Services } from '../../server/services/services.ts';
import { createFactories, type Factories } from './factories.ts';
import { tempDatabaseUrl } from './tmp-db.ts';

/** A clock the test moves by hand; it starts on a fixed date so runs are repeatable. */
export type TestClock = Clock & { set(ms: number): void; advance(ms: number): void };

const TEST_START = Date.parse('2026-06-01T08:00:00Z');
export const DAY_MS = 86_400_000;

export function testClock(start = TEST_START): TestClock {
  let now = start;
  return {
    now: () => now,
    set(ms) {
      now = ms;
    },
    advance(ms) {
      now += ms;
    },
  };
}

export type TestServices = {
  services: Services;
  factories: Factories;
  clock: TestClock;
  close(): Promise<void>;
};

/** Opens the real services on a fresh temporary database; `close` removes it. */
export async function openTestServices(options: { clock?: TestClock } = {}): Promise<TestServices> {
  const db = await tempDatabaseUrl();
  const clock = options.clock ?? testClock();
  // NORMAL: a test never survives a power cut, and FULL's fsync per commit only slows the suite.
  const services = await openServices({ databaseUrl: db.url, clock, synchronous: 'NORMAL' });
  return {
    services,
    factories: createFactories(services),
    clock,
    async close() {
      services.voice.close();
      await services.jobs.close();
      await services.workers.close();
      await services.writer.close();
      services.feed.close();
      services.db.close();
      await db.cleanup();
    },
  };
}

/**
 * Opens the services for the calling `describe` and closes them after it. Tests then share the
 * database, so each makes its own records (factory defaults are unique) rather than counting what
 * exists; `each: true` gives every test a fresh database instead (for whole-table rules such as the
 * scheduler's "nothing else is due").
 */
export function useServices(options: { clock?: TestClock; each?: boolean } = {}): () => TestServices {
  let opened: TestServices | undefined;
  const [before, after] = options.each ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    opened = await openTestServices(options.clock ? { clock: options.clock } : {});
  });
  after(async () => {
    await opened?.close();
    opened = undefined;
  });
  return () => {
    if (opened === undefined) throw new Error('the services did not open');
    return opened;
  };
}
