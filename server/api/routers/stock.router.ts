import { z } from 'zod';
import { LOW_STOCK_SORTS } from '../../../common/low-stock.ts';
import { PackInput } from '../../../common/masters/catalog.ts';
import { ADMINS, ANY_USER, PLANNERS } from '../../../common/roles.ts';
import { id, idempotencyKey, limit, lot, note, qty } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

const reference = {
  reason: note.optional(),
  workOrderId: id.optional(),
};

const refOf = (i: { workOrderId?: number | undefined }) =>
  i.workOrderId === undefined ? {} : { refType: 'work_order', refId: i.workOrderId };

/** Every stock change is one ledger operation; the key makes a retried request safe. */
export const stockRouter = router({
  level: roleProcedure(ANY_USER)
    .input(z.object({ itemId: id }))
    .query(({ ctx, input }) => ctx.services.inventory.stockLevel(input.itemId)),
  lowStock: roleProcedure(ANY_USER)
    .input(
      z
        .object({
          uncoveredOnly: z.boolean().default(false),
          supplierId: z.union([id, z.literal('none')]).optional(),
          category: z.string().trim().min(1).max(64).optional(),
          sort: z.enum(LOW_STOCK_SORTS).default('urgency'),
          offset: z.number().int().min(0).max(1_000_000).default(0),
          limit: limit(200, 50),
        })
        .prefault({}),
    )
    .query(({ ctx, input }) => ctx.services.inventory.lowStockPage(input)),
  /** With `pack`, `qty` counts packs of the item ("2 box of 100") and the ledger books base units. */
  receive: roleProcedure(ANY_USER)
    .input(
      z.object({
        itemId: id,
        locationId: id,
        qty,
        pack: PackInput.optional(),
        lot,
        idempotencyKey,
        ...reference,
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.inventory.receive(input, ctx.user.id)),
  pick: roleProcedure(ANY_USER)
    .input(z.object({ itemId: id, locationId: id, qty, lot, idempotencyKey, ...reference }))
    .mutation(({ ctx, input }) =>
      ctx.services.ledger.post({
        op: {
          kind: 'pick',
          itemId: input.itemId,
          locationId: input.locationId,
          qty: input.qty,
          lot: input.lot,
          reason: input.reason,
          ...refOf(input),
        },
        actorId: ctx.user.id,
        idempotencyKey: input.idempotencyKey,
      }),
    ),
  putAway: roleProcedure(ANY_USER)
    .input(
      z.object({ itemId: id, fromLocationId: id, toLocationId: id, qty, lot, idempotencyKey, ...reference }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.ledger.post({
        op: {
          kind: 'put_away',
          itemId: input.itemId,
          fromLocationId: input.fromLocationId,
          toLocationId: input.toLocationId,
          qty: input.qty,
          lot: input.lot,
          reason: input.reason,
          ...refOf(input),
        },
        actorId: ctx.user.id,
        idempotencyKey: input.idempotencyKey,
      }),
    ),
  transfer: roleProcedure(ANY_USER)
    .input(
      z.object({ itemId: id, fromLocationId: id, toLocationId: id, qty, lot, idempotencyKey, ...reference }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.ledger.post({
        op: {
          kind: 'transfer',
          itemId: input.itemId,
          fromLocationId: input.fromLocationId,
          toLocationId: input.toLocationId,
          qty: input.qty,
          lot: input.lot,
          reason: input.reason,
          ...refOf(input),
        },
        actorId: ctx.user.id,
        idempotencyKey: input.idempotencyKey,
      }),
    ),
  count: roleProcedure(ANY_USER)
    .input(
      z.object({
        itemId: id,
        locationId: id,
        countedQty: z.number().int().min(0).max(1_000_000),
        lot,
        idempotencyKey,
        reason: note.optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.ledger.post({
        op: {
          kind: 'count',
          itemId: input.itemId,
          locationId: input.locationId,
          countedQty: input.countedQty,
          lot: input.lot,
          reason: input.reason,
        },
        actorId: ctx.user.id,
        idempotencyKey: input.idempotencyKey,
      }),
    ),
  /** Corrections outside a count (damage, write-off) are a planner's call and always need a reason. */
  adjust: roleProcedure(PLANNERS)
    .input(
      z.object({
        itemId: id,
        locationId: id,
        delta: z
          .number()
          .int()
          .min(-1_000_000)
          .max(1_000_000)
          .refine((d) => d !== 0, 'must not be 0'),
        lot,
        reason: note.min(3, 'say why (at least 3 characters)'),
        idempotencyKey,
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.services.ledger.post({
        op: {
          kind: 'adjust',
          itemId: input.itemId,
          locationId: input.locationId,
          delta: input.delta,
          lot: input.lot,
          reason: input.reason,
        },
        actorId: ctx.user.id,
        idempotencyKey: input.idempotencyKey,
      }),
    ),
  verifyLedger: roleProcedure(ADMINS).query(({ ctx }) => ctx.services.inventory.verifyLedger()),
});
