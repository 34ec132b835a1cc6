/**
 * What a maintenance plan is, as one zod schema the API, the plan form and the CSV import validate
 * with: when it falls due (calendar days, meter units or both), what the technician ticks off, how
 * long it takes and which parts its work order reserves.
 */
import { z } from 'zod';
import { PRIORITIES } from '../work-order-status.ts';

export const MAX_CHECKLIST_TASKS = 50;
export const MAX_KIT_LINES = 50;

export const KitLineSchema = z.object({
  itemId: z.number().int().positive(),
  qty: z.number().int('must be a whole number').positive('must be above 0').max(1_000_000),
});
export type KitLine = z.output<typeof KitLineSchema>;

export const PlanInputSchema = z
  .object({
    title: z.string().trim().min(3, 'give it a title of at least 3 characters').max(200),
    intervalDays: z
      .number()
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(3650, 'must be at most 3650 days')
      .nullable()
      .default(null),
    intervalMeter: z.number().finite().gt(0, 'must be above 0').max(1e9).nullable().default(null),
    checklist: z
      .array(z.string().trim().min(1, 'a task needs some text').max(200, 'keep a task under 200 characters'))
      .max(MAX_CHECKLIST_TASKS, `at most ${MAX_CHECKLIST_TASKS} tasks`)
      .default([]),
    estimatedHours: z
      .number()
      .finite()
      .gt(0, 'must be above 0')
      .max(1000, 'must be at most 1000 hours')
      .nullable()
      .default(null),
    priority: z.enum(PRIORITIES).default('medium'),
    kit: z.array(KitLineSchema).max(MAX_KIT_LINES, `at most ${MAX_KIT_LINES} parts`).default([]),
    /** When it was last done (epoch ms); on create, null means now. On update, null keeps it. */
    lastDoneAt: z.number().int().min(0).nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (p.intervalDays === null && p.intervalMeter === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['intervalDays'],
        message: 'give a calendar interval, a meter interval or both',
      });
    }
    const seen = new Set<number>();
    p.kit.forEach((line, i) => {
      if (seen.has(line.itemId))
        ctx.addIssue({
          code: 'custom',
          path: ['kit', i, 'itemId'],
          message: 'this part is already in the kit',
        });
      seen.add(line.itemId);
    });
  });
export type PlanInput = z.output<typeof PlanInputSchema>;
