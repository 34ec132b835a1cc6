import { skipToken, useQuery } from '@tanstack/react-query';
import { type Inputs, useTRPC } from '../trpc.ts';

export type RouteEnd = Inputs['navigation']['route']['from'];

/** A walking route across the current layout, or nothing while `from`/`to` are unknown. */
export function useRoute(from: RouteEnd | null, to: RouteEnd | null) {
  const trpc = useTRPC();
  return useQuery(
    trpc.navigation.route.queryOptions(from === null || to === null ? skipToken : { from, to }, {
      staleTime: 60_000,
    }),
  );
}
