import { z } from 'zod';
import { LayoutEditsSchema } from '../../../common/layout/edits.ts';
import { PLANNERS } from '../../../common/roles.ts';
import { id, note } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

const name = z.string().trim().min(3, 'give it a name of at least 3 characters').max(120);
const days = z.number().int().min(1).max(365);

/** Layout scenarios (planners): edit a copy of the twin, simulate, compare, apply. */
export const scenariosRouter = router({
  list: roleProcedure(PLANNERS).query(({ ctx }) => ctx.services.scenarios.list()),
  get: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .query(({ ctx, input }) => ctx.services.scenarios.get(input.id)),
  create: roleProcedure(PLANNERS)
    .input(z.object({ name, notes: note.default('') }))
    .mutation(async ({ ctx, input }) => ({ id: await ctx.services.scenarios.create(input, ctx.user.id) })),
  update: roleProcedure(PLANNERS)
    .input(z.object({ id, name, notes: note.default(''), edits: LayoutEditsSchema }))
    .mutation(({ ctx, input }) => ctx.services.scenarios.update(input.id, input, ctx.user.id)),
  remove: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.services.scenarios.remove(input.id, ctx.user.id)),
  /** Starts a simulation job (base and scenario); poll jobs.get, cancel with jobs.cancel. */
  simulate: roleProcedure(PLANNERS, { rateLimit: 'simulation' })
    .input(
      z.object({
        id,
        days: days.default(180),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1)
          .default(1),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.scenarios.simulate(input.id, input, ctx.user.id)),
  /** Starts a job that appends a slotting suggestion (item moves) to the scenario. */
  suggestSlotting: roleProcedure(PLANNERS, { rateLimit: 'simulation' })
    .input(
      z.object({ id, days: days.default(90), maxBinMoves: z.number().int().min(1).max(5000).default(300) }),
    )
    .mutation(({ ctx, input }) => ctx.services.scenarios.suggestSlotting(input.id, input, ctx.user.id)),
  /** Publishes the scenario as the live layout and creates the relocation work order (one transaction). */
  publish: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.services.scenarios.apply(input.id, ctx.user.id)),
});
