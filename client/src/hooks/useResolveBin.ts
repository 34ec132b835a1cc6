import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { type BinValue, findRow, type StockRow, TYPE_CODE } from '../lib/bins.ts';
import { errorCode } from '../lib/errors.ts';
import { useTRPC } from '../trpc.ts';

export type ResolvedBin = { locationId: number; code: string; row: StockRow | undefined };
export type BinResolution = { ok: true; bin: ResolvedBin } | { ok: false; error: string };

/** Turns a bin field's value into a location id, looking typed codes up with `locations.get`. */
export function useResolveBin() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  return useCallback(
    async (value: BinValue, rows: readonly StockRow[]): Promise<BinResolution> => {
      if (value.choice !== TYPE_CODE) {
        const row = findRow(rows, value.choice);
        const [locationId] = value.choice.split('|');
        const id = Number(locationId);
        const code = row?.code ?? rows.find((r) => r.locationId === id)?.code;
        if (!Number.isInteger(id) || code === undefined) return { ok: false, error: 'Choose a bin' };
        return { ok: true, bin: { locationId: id, code, row } };
      }
      const code = value.code.trim().toUpperCase();
      if (code === '') return { ok: false, error: 'Type or scan the bin code' };
      try {
        const location = await qc.fetchQuery(
          trpc.locations.get.queryOptions({ code }, { staleTime: 60_000 }),
        );
        const row = rows.find((r) => r.locationId === location.id);
        return { ok: true, bin: { locationId: location.id, code: location.code, row } };
      } catch (error) {
        if (errorCode(error) === 'NOT_FOUND') return { ok: false, error: `No bin has the code ${code}` };
        throw error;
      }
    },
    [trpc, qc],
  );
}
