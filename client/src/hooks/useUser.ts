import { createContext, useContext } from 'react';
import type { User } from '../lib/roles.ts';

export const UserContext = createContext<User | null>(null);

/** The logged-in user; only for use inside the logged-in part of the app. */
export function useUser(): User {
  const user = useContext(UserContext);
  if (user === null) throw new Error('useUser needs a logged-in user (render inside the app shell)');
  return user;
}
