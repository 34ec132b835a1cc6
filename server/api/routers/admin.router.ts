import { z } from 'zod';
import { ADMINS } from '../../../common/roles.ts';
import { limit } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

export const auditRouter = router({
  /** The hash chain and every signed checkpoint; says where they disagree. */
  verify: roleProcedure(ADMINS).query(({ ctx }) => ctx.services.audit.verify()),
  /**
   * `verify`, also against an exported checkpoint file (`npm run audit:export`) kept elsewhere. A
   * mutation only because a file does not fit in a GET's URL; it writes nothing.
   */
  verifyExport: roleProcedure(ADMINS)
    .input(z.object({ checkpoints: z.string().min(1).max(1_000_000) }))
    .mutation(({ ctx, input }) => ctx.services.audit.verifyExport(input.checkpoints)),
  /** Stored checkpoints after `afterId`, with the public key that checks them. */
  checkpoints: roleProcedure(ADMINS)
    .input(z.object({ afterId: z.number().int().min(0).default(0), limit: limit(1000, 500) }))
    .query(({ ctx, input }) => ctx.services.audit.checkpoints(input.afterId, input.limit)),
  recent: roleProcedure(ADMINS)
    .input(z.object({ limit: limit(500, 50) }))
    .query(({ ctx, input }) => ctx.services.audit.recent(input.limit)),
});
