import { z } from 'zod';
import type { LiveMessage } from '../../../common/live-events.ts';
import { ADMINS, ANY_USER } from '../../../common/roles.ts';
import { limit } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

export const auditRouter = router({
  verify: roleProcedure(ADMINS).query(({ ctx }) => ctx.services.audit.verify()),
  recent: roleProcedure(ADMINS)
    .input(z.object({ limit: limit(500, 50) }))
    .query(({ ctx, input }) => ctx.services.audit.recent(input.limit)),
});

export const liveRouter = router({
  /**
   * Stock, work order and purchase order changes as they commit, for every open screen; ends with
   * `signed_out` when this user's session is ended meanwhile.
   */
  events: roleProcedure(ANY_USER).subscription(async function* ({
    ctx,
    signal,
  }): AsyncGenerator<LiveMessage> {
    yield* ctx.services.auth.liveStream(ctx.user.id, ctx.cookies.token, signal);
  }),
});
