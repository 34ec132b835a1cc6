import type { Outputs } from '../trpc.ts';

export type User = NonNullable<Outputs['auth']['me']>;
export type Role = User['role'];

/** Planning work (items, adjustments, purchase orders, assignment, CSV) is for planners and admins. */
export const isPlanner = (role: Role) => role === 'planner' || role === 'admin';
export const isAdmin = (role: Role) => role === 'admin';

export const ROLES = ['technician', 'planner', 'admin'] as const satisfies readonly Role[];

export const ROLE_LABELS: Record<Role, string> = {
  technician: 'Technician',
  planner: 'Planner',
  admin: 'Administrator',
};

/** What each role may do, in a sentence (the server's role checks have the final say). */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  technician: 'Finds stock, picks, moves and counts it, and works on work orders.',
  planner: 'Also manages items, adjustments, purchase orders, work order assignment and CSV files.',
  admin:
    'Also manages users (create, edit, disable, password links) and checks the audit log and the stock ledger.',
};
