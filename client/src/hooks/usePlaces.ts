import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Place } from '../lib/bins.ts';
import { useTRPC } from '../trpc.ts';

/** The active hand-kept locations (cabinets, rooms, vans, areas) as places stock can be put into. */
export function usePlaces(): Place[] {
  const trpc = useTRPC();
  const manual = useQuery(trpc.locations.listManual.queryOptions(undefined, { staleTime: 60_000 }));
  return useMemo(
    () =>
      (manual.data ?? [])
        .filter((l) => l.active)
        .map((l) => ({ locationId: l.id, code: l.code, lot: '', onHand: 0, reserved: 0, name: l.name })),
    [manual.data],
  );
}
