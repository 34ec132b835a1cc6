import { z } from 'zod';
import { PLANNERS } from '../../../common/roles.ts';
import { CSV_KINDS } from '../../domain/csv-rows.ts';
import { roleProcedure, router } from '../trpc.ts';

const kind = z.enum(CSV_KINDS);

export const ioRouter = router({
  exportCsv: roleProcedure(PLANNERS)
    .input(z.object({ kind }))
    .mutation(({ ctx, input }) => ctx.services.io.export(input.kind)),
  /** With `dryRun` nothing is written; without it, a file with any bad row is refused whole. */
  importCsv: roleProcedure(PLANNERS)
    .input(
      z.object({ kind, csv: z.string().min(1, 'the file is empty').max(20_000_000), dryRun: z.boolean() }),
    )
    .mutation(({ ctx, input }) => ctx.services.io.import(input.kind, input.csv, input.dryRun, ctx.user.id)),
});
