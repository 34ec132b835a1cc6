import { describe, expect, test } from 'vitest';
import { DomainError } from './errors.ts';
import {
  allowedNext,
  assertTransition,
  isFinal,
  PRIORITIES,
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
} from './work-order-status.ts';

/** The lifecycle as specified, written out independently of the module. */
const ALLOWED: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  open: ['assigned', 'in_progress', 'cancelled'],
  assigned: ['open', 'in_progress', 'on_hold', 'cancelled'],
  in_progress: ['on_hold', 'done', 'cancelled'],
  on_hold: ['in_progress', 'cancelled'],
  done: [],
  cancelled: [],
};

const PAIRS = WORK_ORDER_STATUSES.flatMap((from) => WORK_ORDER_STATUSES.map((to) => ({ from, to })));
const ALLOWED_PAIRS = PAIRS.filter(({ from, to }) => ALLOWED[from].includes(to));
const REFUSED_PAIRS = PAIRS.filter(({ from, to }) => !ALLOWED[from].includes(to));

function refusal(from: WorkOrderStatus, to: WorkOrderStatus): DomainError {
  try {
    assertTransition(from, to, 'Work order WO-7');
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`${from} -> ${to} was allowed`);
}

describe('work order status transitions', () => {
  test('the statuses and priorities are the documented ones', () => {
    expect(WORK_ORDER_STATUSES).toEqual(['open', 'assigned', 'in_progress', 'on_hold', 'done', 'cancelled']);
    expect(PRIORITIES).toEqual(['low', 'medium', 'high', 'urgent']);
    expect(ALLOWED_PAIRS).toHaveLength(12);
    expect(REFUSED_PAIRS).toHaveLength(24);
  });

  test.each(WORK_ORDER_STATUSES)('allowedNext(%s) matches the lifecycle', (status) => {
    expect(allowedNext(status)).toEqual(ALLOWED[status]);
  });

  test.each(ALLOWED_PAIRS)('$from -> $to is allowed', ({ from, to }) => {
    expect(() => assertTransition(from, to, 'Work order WO-7')).not.toThrow();
  });

  test.each(REFUSED_PAIRS)('$from -> $to is refused with a readable message', ({ from, to }) => {
    const error = refusal(from, to);
    expect(error.kind).toBe('conflict');
    expect(error.message.startsWith(`Work order WO-7 is ${from.replace('_', ' ')}`)).toBe(true);
    expect(error.message).not.toContain('_');
  });

  test('the message lists where the order can go instead', () => {
    expect(refusal('open', 'done').message).toBe(
      'Work order WO-7 is open; it can go to assigned, in progress, cancelled, not done',
    );
    expect(refusal('on_hold', 'on_hold').message).toBe(
      'Work order WO-7 is on hold; it can go to in progress, cancelled, not on hold',
    );
  });

  test.each(['done', 'cancelled'] as const)('%s is final and says so', (status) => {
    expect(isFinal(status)).toBe(true);
    expect(allowedNext(status)).toEqual([]);
    for (const to of WORK_ORDER_STATUSES) {
      expect(refusal(status, to).message).toBe(`Work order WO-7 is ${status} and can no longer change`);
    }
  });

  test.each(['open', 'assigned', 'in_progress', 'on_hold'] as const)('%s is not final', (status) => {
    expect(isFinal(status)).toBe(false);
  });

  test('no status may move to itself', () => {
    for (const status of WORK_ORDER_STATUSES) expect(allowedNext(status)).not.toContain(status);
  });
});
