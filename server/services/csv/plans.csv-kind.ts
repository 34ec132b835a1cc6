import { z } from 'zod';
import {
  KitLineSchema,
  MAX_KIT_LINES,
  type PlanInput,
  PlanInputSchema,
} from '../../../common/masters/maintenance-plan.ts';
import { PLANNERS } from '../../../common/roles.ts';
import { PRIORITIES } from '../../../common/work-order-status.ts';
import {
  type Asset,
  kitsOfPlans,
  listAssets,
  livePlansWithTags,
  type MaintenancePlan,
} from '../../db/assets.repository.ts';
import { type ItemRef, itemRefsBySku } from '../../db/catalog-bulk.repository.ts';
import { choice, list, optionalDay, optionalNumber, required } from '../../domain/csv/cells.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { applyEach, defineCsvKind, ROWS_PER_SERVICE_FILE } from './csv-kind.ts';

const fields = PlanInputSchema.shape;
const KIT_LINE = /^(.+):\s*(\d+)$/;

/** `SKU:qty|SKU:qty`: the parts the plan's work order reserves. */
const kitList = () =>
  list()
    .transform((parts, ctx) =>
      parts.flatMap((part) => {
        const match = KIT_LINE.exec(part);
        if (match?.[1] !== undefined && match[2] !== undefined)
          return [{ sku: match[1].trim(), qty: Number(match[2]) }];
        ctx.addIssue({
          code: 'custom',
          message: `"${part}" is not a kit line; write SKU:qty separated by |, e.g. FLT-OIL-20:1|SEAL-KIT-M:2`,
        });
        return [];
      }),
    )
    .pipe(
      z
        .array(z.object({ sku: z.string(), qty: KitLineSchema.shape.qty }))
        .max(MAX_KIT_LINES, `at most ${MAX_KIT_LINES} parts`)
        .superRefine((kit, ctx) => {
          const seen = new Set<string>();
          for (const line of kit) {
            if (seen.has(line.sku.toLowerCase()))
              ctx.addIssue({ code: 'custom', message: `${line.sku} is in the kit twice` });
            seen.add(line.sku.toLowerCase());
          }
        }),
    );

/**
 * A maintenance plan as one row, checked by the plan form's schema (common/masters/maintenance-plan.ts).
 * `last_done` says when it was last done (a calendar day, UTC), so an imported plan can fall due at once.
 */
export const PlanRow = z
  .object({
    asset: required('asset').trim().min(1, 'asset is required'),
    title: required('title').pipe(fields.title),
    interval_days: optionalNumber('interval_days').pipe(fields.intervalDays.unwrap()),
    interval_meter: optionalNumber('interval_meter').pipe(fields.intervalMeter.unwrap()),
    priority: choice('priority', PRIORITIES, 'medium'),
    estimated_hours: optionalNumber('estimated_hours').pipe(fields.estimatedHours.unwrap()),
    checklist: list().pipe(fields.checklist.unwrap()),
    kit: kitList(),
    last_done: optionalDay(),
  })
  .superRefine((p, ctx) => {
    if (p.interval_days === null && p.interval_meter === null)
      ctx.addIssue({
        code: 'custom',
        path: ['interval_days'],
        message: 'give a calendar interval, a meter interval or both',
      });
  });
type PlanRow = z.output<typeof PlanRow>;

type StoredPlan = MaintenancePlan & { tag: string };

type Context = {
  assets: Map<string, Asset>;
  plans: Map<string, StoredPlan>;
  kits: Map<number, { sku: string; qty: number }[]>;
  items: Map<string, ItemRef>;
  now: number;
};

const lower = (s: string) => s.toLowerCase();
const planKey = (tag: string, title: string) => `${lower(tag)}|${lower(title)}`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const toRow = (p: StoredPlan, kit: readonly { sku: string; qty: number }[]): PlanRow => ({
  asset: p.tag,
  title: p.title,
  interval_days: p.intervalDays,
  interval_meter: p.intervalMeter,
  priority: p.priority,
  estimated_hours: p.estimatedHours,
  checklist: p.checklist,
  kit: kit.map(({ sku, qty }) => ({ sku, qty })),
  last_done: day(p.lastDoneAt),
});

/**
 * The plan as the service takes it. A `last_done` equal to the stored day keeps the stored time
 * (the file holds days, the plan an instant); another day counts from its midnight, UTC.
 */
function toInput(context: Context, row: PlanRow, before: PlanRow | undefined): PlanInput {
  const sameDay = before !== undefined && before.last_done === row.last_done;
  return {
    title: row.title,
    intervalDays: row.interval_days,
    intervalMeter: row.interval_meter,
    priority: row.priority,
    estimatedHours: row.estimated_hours,
    checklist: row.checklist,
    kit: row.kit.flatMap((line) => {
      const item = context.items.get(lower(line.sku));
      return item === undefined ? [] : [{ itemId: item.id, qty: line.qty }];
    }),
    lastDoneAt: row.last_done === null || sameDay ? null : Date.parse(`${row.last_done}T00:00:00Z`),
  };
}

/**
 * Maintenance plans, keyed by asset tag and title (in any case). Rows are applied through
 * PlanService, so each plan gets the form's rules (a meter interval needs a metered asset, the kit's
 * items must exist), audit entry and event. Archived plans are history: not exported, not matched.
 */
export const plansCsv = defineCsvKind<PlanRow, Context>({
  kind: 'plans',
  title: 'Maintenance plans',
  roles: PLANNERS,
  maxRows: ROWS_PER_SERVICE_FILE,
  columns: [
    {
      name: 'asset',
      required: true,
      type: 'text',
      description: 'Tag of the asset; with title, the key',
      example: 'EXAMPLE-P-101',
      caseInsensitive: true,
    },
    {
      name: 'title',
      required: true,
      type: 'text',
      description: 'What is done, at least 3 characters',
      example: 'Example: quarterly pump service',
      caseInsensitive: true,
    },
    {
      name: 'interval_days',
      required: false,
      type: 'number',
      description: 'Due every this many days (give this, interval_meter or both)',
      example: '90',
    },
    {
      name: 'interval_meter',
      required: false,
      type: 'number',
      description: "Due every this many units of the asset's meter",
      example: '',
    },
    {
      name: 'priority',
      required: false,
      type: 'text',
      description: 'low, medium, high or urgent (default medium)',
      example: 'medium',
    },
    {
      name: 'estimated_hours',
      required: false,
      type: 'number',
      description: 'How long it takes, in hours',
      example: '1.5',
    },
    {
      name: 'checklist',
      required: false,
      type: 'text',
      description: 'Tasks the technician ticks off, separated by |',
      example: 'Check seal for leaks|Grease bearings|Record vibration',
    },
    {
      name: 'kit',
      required: false,
      type: 'text',
      description: 'Parts its work order reserves, SKU:qty separated by |',
      example: 'EXAMPLE-M8-030:4',
      caseInsensitive: true,
    },
    {
      name: 'last_done',
      required: false,
      type: 'text',
      description:
        'When it was last done, YYYY-MM-DD (UTC); empty on a new plan means today, on a stored one keeps its date',
      example: '2024-01-15',
      keepWhenEmpty: true,
    },
  ],
  schema: PlanRow,
  keyColumn: 'asset',
  key: (row) => planKey(row.asset, row.title),
  label: (row) => `${row.title} on ${row.asset}`,
  format: (row) => ({
    ...row,
    interval_days: row.interval_days ?? '',
    interval_meter: row.interval_meter ?? '',
    estimated_hours: row.estimated_hours ?? '',
    checklist: row.checklist.join('|'),
    kit: row.kit.map((k) => `${k.sku}:${k.qty}`).join('|'),
    last_done: row.last_done ?? '',
  }),

  async load(ex, rows, env) {
    const [assets, plans] = await Promise.all([
      listAssets(ex, { includeArchived: true, limit: null }),
      livePlansWithTags(ex),
    ]);
    const kits = await kitsOfPlans(
      ex,
      plans.map((p) => p.id),
    );
    // The kits' items: the file's, and the stored ones a row without a kit column keeps.
    const skus = [
      ...rows.flatMap((r) => r.kit.map((k) => k.sku)),
      ...[...kits.values()].flat().map((k) => k.sku),
    ];
    const items = await itemRefsBySku(ex, skus);
    return {
      assets: new Map(assets.map((a) => [lower(a.tag), a])),
      plans: new Map(plans.map((p) => [planKey(p.tag, p.title), p])),
      kits: new Map([...kits].map(([id, parts]) => [id, parts.map(({ sku, qty }) => ({ sku, qty }))])),
      items: new Map(items.map((i) => [lower(i.sku), i])),
      now: env.now,
    };
  },

  existing(context, row) {
    const plan = context.plans.get(planKey(row.asset, row.title));
    return plan === undefined ? undefined : toRow(plan, context.kits.get(plan.id) ?? []);
  },

  check(context, rows) {
    const errors: CellError[] = [];
    for (const { line, row, before, changed } of rows) {
      const asset = context.assets.get(lower(row.asset));
      if (asset === undefined)
        errors.push({ line, column: 'asset', message: `No asset has the tag ${row.asset}` });
      // The plans of an archived asset stay as they are: an export of them re-imports unchanged.
      else if (asset.archivedAt !== null && (before === undefined || changed.length > 0))
        errors.push({
          line,
          column: 'asset',
          message: `${asset.tag} is archived; restore it to change its plans`,
        });
      else if (row.interval_meter !== null && asset.meterUnit === null)
        errors.push({
          line,
          column: 'interval_meter',
          message: `${asset.tag} has no meter, so the plan cannot fall due by meter; give it a calendar interval`,
        });
      const missing = row.kit.filter((k) => !context.items.has(lower(k.sku))).map((k) => k.sku);
      if (missing.length > 0)
        errors.push({ line, column: 'kit', message: `No item has SKU ${missing.join(', ')}` });
      if (row.last_done !== null && Date.parse(`${row.last_done}T00:00:00Z`) > context.now)
        errors.push({
          line,
          column: 'last_done',
          message: 'The last time it was done cannot be in the future',
        });
    }
    return errors;
  },

  async apply(tx, context, changes, env) {
    const plans = env.services.plans;
    await applyEach(changes.creates, async ({ row }) => {
      const asset = context.assets.get(lower(row.asset));
      if (asset !== undefined)
        await plans.createIn(tx, asset.id, toInput(context, row, undefined), env.actorId);
    });
    await applyEach(changes.updates, async ({ row, before }) => {
      const plan = context.plans.get(planKey(row.asset, row.title));
      if (plan !== undefined) await plans.updateIn(tx, plan.id, toInput(context, row, before), env.actorId);
    });
  },

  async exportRows(ex) {
    const plans = await livePlansWithTags(ex);
    const kits = await kitsOfPlans(
      ex,
      plans.map((p) => p.id),
    );
    return plans.map((p) => toRow(p, kits.get(p.id) ?? []));
  },
});
