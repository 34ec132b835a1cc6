import { z } from 'zod';
import { ANY_USER, PLANNERS } from '../../../common/roles.ts';
import { id, limit } from '../schemas.ts';
import { roleProcedure, router } from '../trpc.ts';

const scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('aisle'), aisle: z.string().trim().min(1).max(3) }),
  z.object({ kind: z.literal('zone'), zoneId: z.string().trim().min(1).max(100) }),
  z.object({ kind: z.literal('bins'), codes: z.array(z.string().trim().min(1).max(40)).min(1).max(60_000) }),
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('not-counted'), days: z.number().int().min(0).max(3650) }),
]);

const config = z
  .object({
    speedMps: z.number().gt(0).max(20),
    scanMoveMps: z.number().gt(0).max(20),
    batteryMinutes: z.number().gt(0).max(240),
    reserveMinutes: z.number().min(0).max(240),
    secondsPerScan: z.number().gt(0).max(600),
    chargeMinutes: z.number().min(0).max(1440),
    standOffM: z.number().gt(0).max(10),
    segmentBays: z.number().int().min(1).max(1000),
    dockCode: z.string().trim().min(1).max(40).nullable(),
    overRacks: z
      .object({ ceilingM: z.number().gt(0).max(100), clearanceM: z.number().gt(0).max(10) })
      .nullable(),
    optimiseMs: z.number().int().min(10).max(30_000).nullable(),
  })
  .partial();

const rate = z.number().min(0).max(1);
const sensor = z
  .object({ occlusionRate: rate, missRate: rate, noiseRate: rate, driftRate: rate, strayRate: rate })
  .partial();

/** Drone cycle counts: plan (a job), fly in simulation, review. `audit` is the audit log. */
export const droneAuditsRouter = router({
  /** Starts planning; the job's result is `{ auditId, figures }` (poll `jobs.get`, stop with `jobs.cancel`). */
  plan: roleProcedure(PLANNERS, { rateLimit: 'simulation' })
    .input(z.object({ scope, config: config.optional() }))
    .mutation(({ ctx, input }) => ctx.services.droneAudits.startPlan(input, ctx.user.id)),
  list: roleProcedure(ANY_USER)
    .input(z.object({ limit: limit(200, 50) }))
    .query(({ ctx, input }) => ctx.services.droneAudits.list(input.limit)),
  get: roleProcedure(ANY_USER)
    .input(z.object({ id }))
    .query(({ ctx, input }) => ctx.services.droneAudits.get(input.id)),
  track: roleProcedure(ANY_USER)
    .input(z.object({ id }))
    .query(({ ctx, input }) => ctx.services.droneAudits.track(input.id)),
  simulate: roleProcedure(PLANNERS, { rateLimit: 'simulation' })
    .input(
      z.object({
        id,
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31 - 1),
        sensor: sensor.optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.droneAudits.simulate(input.id, input, ctx.user.id)),
  /** Approve or reject discrepancy lines; approvals become ledger counts, once. */
  review: roleProcedure(PLANNERS)
    .input(
      z.object({
        id,
        decisions: z
          .array(z.object({ lineId: id, decision: z.enum(['approve', 'reject']) }))
          .min(1)
          .max(5000),
      }),
    )
    .mutation(({ ctx, input }) => ctx.services.droneAudits.review(input.id, input.decisions, ctx.user.id)),
  /** Plans a new small audit of the disputed, stale and unreadable bins. */
  refly: roleProcedure(PLANNERS)
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.services.droneAudits.refly(input.id, ctx.user.id)),
});
