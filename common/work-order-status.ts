import { conflict, exhaustive } from './errors.ts';

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
