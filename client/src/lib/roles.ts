import type { Outputs } from '../trpc.ts';

export type User = NonNullable<Outputs['auth']['me']>;
export type Role = User['role'];

/** Planning work (items, adjustments, purchase orders, assignment, CSV) is for planners and admins. */
export const isPlanner = (role: Role) => role === 'planner' || role === 'admin';
export const isAdmin = (role: Role) => role === 'admin';

export const ROLE_LABELS: Record<Role, string> = {
  technician: 'Technician',
  planner: 'Planner',
  admin: 'Administrator',
};
