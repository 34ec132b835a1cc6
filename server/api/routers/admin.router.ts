import { z } from 'zod';
import { ADMINS } from '../../../common/roles.ts';
import { limit } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

export const auditRouter = router({
  verify: roleProcedure(ADMINS).query(({ ctx }) => ctx.services.audit.verify()),
  recent: roleProcedure(ADMINS)
    .input(z.object({ limit: limit(500, 50) }))
    .query(({ ctx, input }) => ctx.services.audit.recent(input.limit)),
});
