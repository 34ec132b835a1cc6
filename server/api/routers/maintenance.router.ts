import { z } from 'zod';
import { AssetInputSchema } from '../../../common/masters/asset.ts';
import { PlanInputSchema } from '../../../common/masters/maintenance-plan.ts';
import { ANY_USER, PLANNERS } from '../../../common/roles.ts';
import { PRIORITIES, WORK_ORDER_STATUSES } from '../../../common/work-order-status.ts';
import { id, idempotencyKey, limit, lot, note, qty } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

/** At most this many assets per list; by default the whole register of a site this size. */
const ASSET_LIST_MAX = 500;

export const assetsRouter = router({
  /** Archived assets only when asked for: pickers and lists leave them out. */
  list: roleProcedure(ANY_USER, { rateLimit: 'search' })
    .input(
      z.object({
        q: z.string().max(100).optional(),
        includeArchived: z.boolean().default(false),
        limit: limit(ASSET_LIST_MAX, ASSET_LIST_MAX),
      }),
    )
    .query(({ ctx, input }) => ctx.services.assets.list(input)),
  get: roleProcedure(ANY_USER)
    .input(z.object({ id }))
    .query(({ ctx, input }) => ctx.services.assets.get(input.id)),
  create: roleProcedure(PLANNERS)
    .input(AssetInputSchema)
    .mutation(async ({ ctx, input }) => ({ id: await ctx.services.assets.create(input, ctx.user.id) })),
  update: roleProcedure(PLANNERS)
    .input(z.object({ id, asset: AssetInputSchema }))
    .mutation(async ({ ctx, input }) => ({
      id: input.id,
      ...(await ctx.services.assets.update(input.id, input.asset, ctx.user.id)),
    })),
  archive: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.assets.archive(input.id, ctx.user.id);
      return { id: input.id };
    }),
  restore: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.assets.restore(input.id, ctx.user.id);
      return { id: input.id };
    }),
  recordMeter: roleProcedure(ANY_USER)
    .input(z.object({ assetId: id, value: z.number().finite().min(0).max(1e9) }))
    .mutation(({ ctx, input }) => ctx.services.assets.recordMeter(input.assetId, input.value, ctx.user.id)),
  runScheduler: roleProcedure(PLANNERS).mutation(async ({ ctx }) => ({
    createdWorkOrders: await ctx.services.assets.runScheduler(),
  })),
});

export const plansRouter = router({
  create: roleProcedure(PLANNERS)
    .input(z.object({ assetId: id, plan: PlanInputSchema }))
    .mutation(async ({ ctx, input }) => ({
      id: await ctx.services.plans.create(input.assetId, input.plan, ctx.user.id),
    })),
  update: roleProcedure(PLANNERS)
    .input(z.object({ id, plan: PlanInputSchema }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.plans.update(input.id, input.plan, ctx.user.id);
      return { id: input.id };
    }),
  archive: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.plans.archive(input.id, ctx.user.id);
      return { id: input.id };
    }),
});

const status = z.enum(WORK_ORDER_STATUSES);

/** What a work-order board can be narrowed to. */
const boardFilter = {
  assetId: id.optional(),
  priority: z.enum(PRIORITIES).optional(),
  /** Someone's work, or 'none' for what nobody has taken yet. */
  assigneeId: z.union([id, z.literal('none')]).optional(),
};

export const workOrdersRouter = router({
  list: roleProcedure(ANY_USER)
    .input(
      z.object({
        ...boardFilter,
        status: status.optional(),
        /** Rows to skip: the next page of a board column. */
        cursor: z.number().int().min(0).max(1_000_000).default(0),
        limit: limit(500, 200),
      }),
    )
    .query(({ ctx, input: { cursor, ...filter } }) =>
      ctx.services.workOrders.list({ ...filter, offset: cursor }),
    ),
  counts: roleProcedure(ANY_USER)
    .input(z.object(boardFilter).prefault({}))
    .query(({ ctx, input }) => ctx.services.workOrders.counts(input)),
  get: roleProcedure(ANY_USER)
    .input(z.object({ id }))
    .query(({ ctx, input }) => ctx.services.workOrders.get(input.id)),
  create: roleProcedure(ANY_USER)
    .input(
      z.object({
        title: z.string().trim().min(3, 'give it a title of at least 3 characters').max(200),
        description: z.string().trim().max(5000).optional(),
        assetId: id.optional(),
        priority: z.enum(PRIORITIES).default('medium'),
        dueAt: z.number().int().positive().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => ({ id: await ctx.services.workOrders.create(input, ctx.user.id) })),
  /** Deciding who does what is a planner's job; technicians move their own work along. */
  assign: roleProcedure(PLANNERS)
    .input(z.object({ id, assigneeId: id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.workOrders.assign(input.id, input.assigneeId, ctx.user.id);
      return { id: input.id };
    }),
  transition: roleProcedure(ANY_USER)
    .input(z.object({ id, to: status, note: note.default('') }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.workOrders.transition(input.id, input.to, input.note, ctx.user.id);
      return { id: input.id };
    }),
  reservePart: roleProcedure(ANY_USER)
    .input(z.object({ workOrderId: id, itemId: id, locationId: id, qty, lot }))
    .mutation(async ({ ctx, input }) => ({
      partId: await ctx.services.workOrders.reservePart(input, ctx.user.id),
    })),
  consumePart: roleProcedure(ANY_USER)
    .input(z.object({ workOrderId: id, partId: id, qty, idempotencyKey }))
    .mutation(({ ctx, input }) => ctx.services.workOrders.consumePart(input, ctx.user.id)),
  /** Ticks or unticks a task of the work order's checklist. */
  setTask: roleProcedure(ANY_USER)
    .input(z.object({ workOrderId: id, taskId: id, done: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.workOrders.setTask(input, ctx.user.id);
      return { ok: true };
    }),
  releasePart: roleProcedure(ANY_USER)
    .input(z.object({ workOrderId: id, partId: id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.workOrders.releasePart(input, ctx.user.id);
      return { ok: true };
    }),
});
