import { z } from 'zod';
import { ANY_USER } from '../../../common/roles.ts';
import { roleProcedure, router } from '../trpc.ts';

const jobId = z.object({ id: z.uuid() });

/** Progress and cancellation for long work (audit planning, layout simulation); results are per kind. */
export const jobsRouter = router({
  get: roleProcedure(ANY_USER)
    .input(jobId)
    .query(({ ctx, input }) => ctx.services.jobs.get(input.id, ctx.user.id, ctx.user.role === 'admin')),
  cancel: roleProcedure(ANY_USER)
    .input(jobId)
    .mutation(({ ctx, input }) => ctx.services.jobs.cancel(input.id, ctx.user.id, ctx.user.role === 'admin')),
});
