import { z } from 'zod';
import { notFound } from '../../../common/errors.ts';
import { ANY_USER, PLANNERS } from '../../../common/roles.ts';
import { note } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

export const twinRouter = router({
  /** The current facility document (validated), for the 3D view, AR and navigation. */
  current: roleProcedure(ANY_USER).query(async ({ ctx }) => {
    const current = await ctx.services.twin.current();
    if (!current) throw notFound('No facility layout has been published yet');
    return current;
  }),
  /** Publishes a new layout (a JSON document, any supported version); refused if it strands stock. */
  publish: roleProcedure(PLANNERS)
    .input(z.object({ document: z.unknown(), note: note.default('') }))
    .mutation(({ ctx, input }) => ctx.services.twin.publish(input.document, input.note, ctx.user.id)),
  binStates: roleProcedure(ANY_USER).query(({ ctx }) => ctx.services.twin.binStates()),
});
