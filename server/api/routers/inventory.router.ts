import { z } from 'zod';
import { ItemInput } from '../../../common/masters/item.ts';
import { ManualLocationInput } from '../../../common/masters/location.ts';
import { ANY_USER, PLANNERS } from '../../../common/roles.ts';
import { id, limit } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

export const itemsRouter = router({
  search: roleProcedure(ANY_USER, { rateLimit: 'search' })
    .input(z.object({ q: z.string().max(200), limit: limit(100, 20) }))
    .query(({ ctx, input }) => ctx.services.inventory.search(input.q, input.limit)),
  get: roleProcedure(ANY_USER)
    .input(z.object({ id }))
    .query(({ ctx, input }) => ctx.services.inventory.item(input.id)),
  movements: roleProcedure(ANY_USER)
    .input(z.object({ itemId: id, beforeId: id.nullish(), limit: limit(200, 50) }))
    .query(({ ctx, input }) =>
      ctx.services.inventory.movements(input.itemId, input.beforeId ?? null, input.limit),
    ),
  lookup: roleProcedure(ANY_USER)
    .input(z.object({ code: z.string().trim().min(1).max(100) }))
    .query(({ ctx, input }) => ctx.services.inventory.lookupCode(input.code)),
  create: roleProcedure(PLANNERS)
    .input(ItemInput)
    .mutation(async ({ ctx, input }) => ({
      id: await ctx.services.inventory.createItem(input, ctx.user.id),
    })),
  update: roleProcedure(PLANNERS)
    .input(z.object({ id, item: ItemInput }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.inventory.updateItem(input.id, input.item, ctx.user.id);
      return { id: input.id };
    }),
  setPreferredSupplier: roleProcedure(PLANNERS)
    .input(z.object({ itemId: id, supplierId: id.nullable() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.inventory.setPreferredSupplier(input.itemId, input.supplierId, ctx.user.id);
      return input;
    }),
});

export const locationsRouter = router({
  list: roleProcedure(ANY_USER)
    .input(
      z.object({
        prefix: z.string().max(32).default(''),
        limit: limit(500, 100),
        offset: z.number().int().min(0).default(0),
      }),
    )
    .query(({ ctx, input }) => ctx.services.inventory.locations(input.prefix, input.limit, input.offset)),
  get: roleProcedure(ANY_USER)
    .input(z.union([z.object({ id }), z.object({ code: z.string().trim().min(1).max(32) })]))
    .query(({ ctx, input }) => ctx.services.inventory.location(input)),
  /** Cabinets, rooms, vans and other areas, archived ones too, with what each holds. */
  listManual: roleProcedure(ANY_USER).query(({ ctx }) => ctx.services.locations.listManual()),
  create: roleProcedure(PLANNERS)
    .input(ManualLocationInput)
    .mutation(async ({ ctx, input }) => ({ id: await ctx.services.locations.create(input, ctx.user.id) })),
  update: roleProcedure(PLANNERS)
    .input(z.object({ id, location: ManualLocationInput }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.locations.update(input.id, input.location, ctx.user.id);
      return { id: input.id };
    }),
  archive: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.locations.archive(input.id, ctx.user.id);
      return { id: input.id };
    }),
  restore: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.locations.restore(input.id, ctx.user.id);
      return { id: input.id };
    }),
});
