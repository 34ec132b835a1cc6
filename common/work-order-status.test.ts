import { describe, expect, test } from 'vitest';
import { DomainError } from './errors.ts';
import {
  allowedNext,
  assertTransition,
  isFinal,
  PRIORITIES,
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
  workOrderAccess,
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

describe('whose work order it is', () => {
  const sipho = { status: 'in_progress' as const, assigneeId: 7, assignee: 'Sipho Dlamini' };
  const tech = (id: number) => ({ id, role: 'technician' as const });

  test('a technician changes their own work order, and not somebody else’s', () => {
    expect(workOrderAccess(tech(7), sipho)).toEqual({ ok: true, takes: false });
    expect(workOrderAccess(tech(8), sipho)).toEqual({
      ok: false,
      reason: 'This work order is assigned to Sipho Dlamini; only they or a planner can change it',
    });
  });

  test('planners and admins change any work order', () => {
    expect(workOrderAccess({ id: 1, role: 'planner' }, sipho)).toEqual({ ok: true, takes: false });
    expect(workOrderAccess({ id: 1, role: 'admin' }, sipho)).toEqual({ ok: true, takes: false });
  });

  test('a technician takes an unassigned work order by acting on it, but not a finished one', () => {
    const unassigned = { assigneeId: null, assignee: null };
    expect(workOrderAccess(tech(8), { ...unassigned, status: 'open' })).toEqual({ ok: true, takes: true });
    expect(workOrderAccess(tech(8), { ...unassigned, status: 'done' })).toEqual({ ok: true, takes: false });
  });
});
