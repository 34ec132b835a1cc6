import { describe, expect, test } from 'vitest';
import { dueAt, duePlans, type PlanState } from './maintenance-due.ts';

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2025, 0, 1);

const plan = (over: Partial<PlanState>): PlanState => ({
  planId: 1,
  intervalDays: null,
  intervalMeter: null,
  lastDoneAt: T0,
  lastDoneMeter: 1000,
  meterValue: 1000,
  ...over,
});

describe('dueAt', () => {
  test('time-based: due exactly when the interval has passed, returning the due time', () => {
    const p = plan({ intervalDays: 30 });
    expect(dueAt(p, T0 + 30 * DAY - 1)).toBeNull();
    expect(dueAt(p, T0 + 30 * DAY)).toBe(T0 + 30 * DAY);
    expect(dueAt(p, T0 + 45 * DAY)).toBe(T0 + 30 * DAY);
  });

  test('meter-based: due once the meter interval has been run, at now', () => {
    const p = plan({ intervalMeter: 500 });
    const now = T0 + 3 * DAY;
    expect(dueAt({ ...p, meterValue: 1499 }, now)).toBeNull();
    expect(dueAt({ ...p, meterValue: 1500 }, now)).toBe(now);
    expect(dueAt({ ...p, meterValue: 9000 }, now)).toBe(now);
  });

  test('both: the meter makes it due before the calendar does', () => {
    const p = plan({ intervalDays: 30, intervalMeter: 500, meterValue: 1600 });
    const now = T0 + 10 * DAY;
    expect(dueAt(p, now)).toBe(now);
  });

  test('both: when the calendar date passed first, that earlier date is the due time', () => {
    const p = plan({ intervalDays: 30, intervalMeter: 500, meterValue: 1600 });
    expect(dueAt(p, T0 + 40 * DAY)).toBe(T0 + 30 * DAY);
  });

  test('both: neither reached means not due', () => {
    const p = plan({ intervalDays: 30, intervalMeter: 500, meterValue: 1499 });
    expect(dueAt(p, T0 + 30 * DAY - 1)).toBeNull();
  });

  test('a plan with neither interval is never due', () => {
    expect(dueAt(plan({ meterValue: 1_000_000 }), T0 + 10_000 * DAY)).toBeNull();
  });

  test('a meter reading alone does nothing for a time-only plan', () => {
    expect(dueAt(plan({ intervalDays: 30, meterValue: 1_000_000 }), T0 + DAY)).toBeNull();
  });
});

describe('duePlans', () => {
  test('lists only the due plans, each with its due time', () => {
    const now = T0 + 31 * DAY;
    expect(
      duePlans(
        [
          plan({ planId: 1, intervalDays: 30 }),
          plan({ planId: 2, intervalDays: 60 }),
          plan({ planId: 3, intervalMeter: 100, meterValue: 1100 }),
          plan({ planId: 4 }),
        ],
        now,
      ),
    ).toEqual([
      { planId: 1, dueAt: T0 + 30 * DAY },
      { planId: 3, dueAt: now },
    ]);
  });

  test('no plans, nothing due', () => {
    expect(duePlans([], T0)).toEqual([]);
  });
});
