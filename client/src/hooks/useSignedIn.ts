import { hashKey, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useLocation } from 'wouter';
import type { User } from '../lib/roles.ts';
import { useTRPC } from '../trpc.ts';

/**
 * Enters the logged-in app as `user` (a login, a one-time link, the first-run setup): anything cached
 * before, under another session or refused while logged out, is asked again for this one.
 */
export function useSignedIn(): (user: User, to: string) => Promise<void> {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  return useCallback(
    async (user: User, to: string) => {
      const meKey = trpc.auth.me.queryKey();
      qc.setQueryData(meKey, user);
      await qc.invalidateQueries({ predicate: (q) => q.queryHash !== hashKey(meKey) });
      navigate(to, { replace: true });
    },
    [trpc, qc, navigate],
  );
}
