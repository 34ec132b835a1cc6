import { skipToken, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc.ts';

/** Polls a server job while it runs (progress, stage); stops once it has finished. */
export function useJob(jobId: string | null) {
  const trpc = useTRPC();
  return useQuery(
    trpc.jobs.get.queryOptions(jobId === null ? skipToken : { id: jobId }, {
      refetchInterval: (q) => (q.state.data === undefined || q.state.data.status === 'running' ? 300 : false),
    }),
  );
}
