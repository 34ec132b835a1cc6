export const ROLES = ['technician', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call a procedure: 'public' for anyone, otherwise the roles listed. */
export type Access = 'public' | readonly Role[];

export const ANY_USER: readonly Role[] = ['technician', 'planner', 'admin'];
export const PLANNERS: readonly Role[] = ['planner', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];

export type SessionUser = { id: number; username: string; displayName: string; role: Role };
