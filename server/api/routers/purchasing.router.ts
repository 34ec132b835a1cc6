import { z } from 'zod';
import { PackInput } from '../../../common/masters/catalog.ts';
import { PO_STATUSES } from '../../../common/purchase-order-status.ts';
import { ANY_USER, PLANNERS } from '../../../common/roles.ts';
import { id, idempotencyKey, limit, lot, note, qty } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

export const purchasingRouter = router({
  suppliers: roleProcedure(ANY_USER).query(({ ctx }) => ctx.services.purchasing.suppliers()),
  list: roleProcedure(ANY_USER)
    .input(
      z.object({
        status: z.enum(PO_STATUSES).optional(),
        limit: limit(500, 100),
      }),
    )
    .query(({ ctx, input }) => ctx.services.purchasing.list(input.status, input.limit)),
  get: roleProcedure(ANY_USER)
    .input(z.object({ id }))
    .query(({ ctx, input }) => ctx.services.purchasing.get(input.id)),
  createFromSuggestions: roleProcedure(PLANNERS)
    .input(z.object({ itemIds: z.array(id).min(1).max(1000).optional() }))
    .mutation(async ({ ctx, input }) => ({
      purchaseOrderIds: await ctx.services.purchasing.createFromSuggestions(input.itemIds, ctx.user.id),
    })),
  cancel: roleProcedure(PLANNERS)
    .input(z.object({ id, reason: note.min(3, 'say why (at least 3 characters)') }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.purchasing.cancel(input.id, input.reason, ctx.user.id);
      return { id: input.id };
    }),
  receiveLine: roleProcedure(ANY_USER)
    .input(z.object({ lineId: id, qty, pack: PackInput.optional(), locationId: id, lot, idempotencyKey }))
    .mutation(({ ctx, input }) => ctx.services.purchasing.receiveLine(input, ctx.user.id)),
});
