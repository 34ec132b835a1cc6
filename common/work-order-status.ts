import { conflict, exhaustive } from './errors.ts';
import type { Role } from './roles.ts';

export const WORK_ORDER_STATUSES = [
  'open',
  'assigned',
  'in_progress',
  'on_hold',
  'done',
  'cancelled',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Where each status may go next. done and cancelled are final: reopen by creating a new order. */
export function allowedNext(status: WorkOrderStatus): readonly WorkOrderStatus[] {
  switch (status) {
    case 'open':
      return ['assigned', 'in_progress', 'cancelled'];
    case 'assigned':
      return ['open', 'in_progress', 'on_hold', 'cancelled'];
    case 'in_progress':
      return ['on_hold', 'done', 'cancelled'];
    case 'on_hold':
      return ['in_progress', 'cancelled'];
    case 'done':
    case 'cancelled':
      return [];
    default:
      return exhaustive(status);
  }
}

export function assertTransition(from: WorkOrderStatus, to: WorkOrderStatus, label: string): void {
  if (!allowedNext(from).includes(to)) {
    const options = allowedNext(from);
    throw conflict(
      options.length === 0
        ? `${label} is ${from.replace('_', ' ')} and can no longer change`
        : `${label} is ${from.replace('_', ' ')}; it can go to ${options.map((s) => s.replace('_', ' ')).join(', ')}, not ${to.replace('_', ' ')}`,
    );
  }
}

export const isFinal = (s: WorkOrderStatus) => s === 'done' || s === 'cancelled';

export type WorkOrderActor = { id: number; role: Role };

/**
 * `takes`: acting assigns the work order to the actor first (a technician picking up unassigned work).
 */
export type WorkOrderAccess = { ok: true; takes: boolean } | { ok: false; reason: string };

/**
 * Who may change a work order (move its status, tick its tasks, reserve, use or release its parts):
 * planners and admins any; a technician only their own, or an unassigned one, which becomes theirs.
 * Assigning someone else stays a planner's job (workOrders.assign). The server enforces this and the
 * client uses it to hide what would be refused.
 */
export function workOrderAccess(
  actor: WorkOrderActor,
  order: { status: WorkOrderStatus; assigneeId: number | null; assignee: string | null },
): WorkOrderAccess {
  switch (actor.role) {
    case 'planner':
    case 'admin':
      return { ok: true, takes: false };
    case 'technician':
      if (order.assigneeId === actor.id) return { ok: true, takes: false };
      if (order.assigneeId === null) return { ok: true, takes: !isFinal(order.status) };
      return {
        ok: false,
        reason: `This work order is assigned to ${order.assignee ?? 'someone else'}; only they or a planner can change it`,
      };
    default:
      return exhaustive(actor.role);
  }
}
