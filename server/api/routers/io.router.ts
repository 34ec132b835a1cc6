import { z } from 'zod';
import { CSV_KINDS } from '../../../common/csv/kinds.ts';
import { PLANNERS } from '../../../common/roles.ts';
import { roleProcedure, router } from '../trpc.ts';

const kind = z.enum(CSV_KINDS);

export const ioRouter = router({
  /** The kinds the caller may use (users: admins only), each with its columns. */
  kinds: roleProcedure(PLANNERS).query(({ ctx }) => ctx.services.io.kinds(ctx.user)),
  template: roleProcedure(PLANNERS, { rateLimit: 'export' })
    .input(z.object({ kind }))
    .query(({ ctx, input }) => ctx.services.io.template(input.kind, ctx.user)),
  exportCsv: roleProcedure(PLANNERS, { rateLimit: 'export' })
    .input(z.object({ kind }))
    .mutation(({ ctx, input }) => ctx.services.io.export(input.kind, ctx.user)),
  /**
   * With `dryRun` nothing is written; without it, a file with any error is refused whole. Rows that
   * would change a stored record are errors unless `update` is set. The file travels in the body,
   * which may be larger than other calls' (`upload`).
   */
  importCsv: roleProcedure(PLANNERS, { rateLimit: 'import', upload: true })
    .input(
      z.object({
        kind,
        csv: z.string().min(1, 'the file is empty').max(20_000_000, 'the file is larger than 20 MB'),
        dryRun: z.boolean(),
        update: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => {
      const options = { update: input.update, actor: ctx.user, source: 'web' as const };
      return input.dryRun
        ? ctx.services.io.check(input.kind, input.csv, options)
        : ctx.services.io.import(input.kind, input.csv, options);
    }),
});
