import { z } from 'zod';
import { ADMINS, ANY_USER } from '../../../common/roles.ts';
import type { LiveEvent } from '../../services/event-bus.ts';
import { limit } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

export const auditRouter = router({
  verify: roleProcedure(ADMINS).query(({ ctx }) => ctx.services.audit.verify()),
  recent: roleProcedure(ADMINS)
    .input(z.object({ limit: limit(500, 50) }))
    .query(({ ctx, input }) => ctx.services.audit.recent(input.limit)),
});

export const liveRouter = router({
  /** Stock, work order and purchase order changes as they commit, for every open screen. */
  events: roleProcedure(ANY_USER).subscription(async function* ({ ctx, signal }): AsyncGenerator<LiveEvent> {
    yield* ctx.services.events.subscribe(signal);
  }),
});
