import { z } from 'zod';
import { CategoryInput, UnitInput } from '../../../common/masters/catalog.ts';
import { SupplierInput, SupplierPriceInput } from '../../../common/masters/supplier.ts';
import { ANY_USER, PLANNERS } from '../../../common/roles.ts';
import { id } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

/** Suppliers and their prices: everyone reads, planners write. */
export const suppliersRouter = router({
  list: roleProcedure(ANY_USER).query(({ ctx }) => ctx.services.suppliers.list()),
  get: roleProcedure(ANY_USER)
    .input(z.object({ id }))
    .query(({ ctx, input }) => ctx.services.suppliers.get(input.id)),
  create: roleProcedure(PLANNERS)
    .input(SupplierInput)
    .mutation(async ({ ctx, input }) => ({ id: await ctx.services.suppliers.create(input, ctx.user.id) })),
  update: roleProcedure(PLANNERS)
    .input(z.object({ id, supplier: SupplierInput }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.suppliers.update(input.id, input.supplier, ctx.user.id);
      return { id: input.id };
    }),
  archive: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.suppliers.archive(input.id, ctx.user.id);
      return { id: input.id };
    }),
  restore: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.suppliers.restore(input.id, ctx.user.id);
      return { id: input.id };
    }),
  setPrice: roleProcedure(PLANNERS)
    .input(SupplierPriceInput)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.suppliers.setPrice(input, ctx.user.id);
      return { supplierId: input.supplierId, itemId: input.itemId };
    }),
  removePrice: roleProcedure(PLANNERS)
    .input(z.object({ supplierId: id, itemId: id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.suppliers.removePrice(input.supplierId, input.itemId, ctx.user.id);
      return input;
    }),
});

/** Item categories: everyone reads, planners write. */
export const categoriesRouter = router({
  list: roleProcedure(ANY_USER).query(({ ctx }) => ctx.services.masters.categories()),
  create: roleProcedure(PLANNERS)
    .input(CategoryInput)
    .mutation(async ({ ctx, input }) => ({
      id: await ctx.services.masters.createCategory(input, ctx.user.id),
    })),
  update: roleProcedure(PLANNERS)
    .input(z.object({ id, category: CategoryInput }))
    .mutation(({ ctx, input }) => ctx.services.masters.updateCategory(input.id, input.category, ctx.user.id)),
  archive: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.masters.archiveCategory(input.id, ctx.user.id);
      return { id: input.id };
    }),
  restore: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.masters.restoreCategory(input.id, ctx.user.id);
      return { id: input.id };
    }),
});

/** Units of measure: everyone reads, planners write. */
export const unitsRouter = router({
  list: roleProcedure(ANY_USER).query(({ ctx }) => ctx.services.masters.units()),
  create: roleProcedure(PLANNERS)
    .input(UnitInput)
    .mutation(async ({ ctx, input }) => ({ id: await ctx.services.masters.createUnit(input, ctx.user.id) })),
  update: roleProcedure(PLANNERS)
    .input(z.object({ id, unit: UnitInput }))
    .mutation(({ ctx, input }) => ctx.services.masters.updateUnit(input.id, input.unit, ctx.user.id)),
  archive: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.masters.archiveUnit(input.id, ctx.user.id);
      return { id: input.id };
    }),
  restore: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.masters.restoreUnit(input.id, ctx.user.id);
      return { id: input.id };
    }),
});
