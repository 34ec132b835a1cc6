import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useLocation } from 'wouter';
import type { SignOutReason } from '../../../common/live-events.ts';
import { useTRPC } from '../trpc.ts';

/**
 * Leaves the logged-in app: forgets everything cached under the session and shows the login page,
 * saying why when the session was ended from elsewhere.
 */
export function useSignedOut(): (reason?: SignOutReason) => void {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  return useCallback(
    (reason?: SignOutReason) => {
      qc.clear();
      qc.setQueryData(trpc.auth.me.queryKey(), null);
      navigate(reason ? `/login?signedOut=${reason}` : '/login');
    },
    [trpc, qc, navigate],
  );
}
