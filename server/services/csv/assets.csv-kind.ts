import { z } from 'zod';
import {
  ASSET_STATUSES,
  type AssetInput,
  AssetInputSchema,
  CRITICALITIES,
  type PlacementInput,
} from '../../../common/masters/asset.ts';
import { placementOfTag, spotOf } from '../../../common/masters/asset-placement.ts';
import { PLANNERS } from '../../../common/roles.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import { type Asset, listAssets } from '../../db/assets.repository.ts';
import type { Location } from '../../db/catalog.repository.ts';
import { locationsByCode } from '../../db/catalog-bulk.repository.ts';
import {
  choice,
  flag,
  list,
  optionalDay,
  optionalNumber,
  optionalText,
  required,
} from '../../domain/csv/cells.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { applyEach, defineCsvKind, ROWS_PER_SERVICE_FILE } from './csv-kind.ts';

const fields = AssetInputSchema.shape;
const optional = (column: string, max: number) => optionalText(column, max).transform((s) => s ?? '');

/**
 * An asset as one row, checked by the asset form's schema (common/masters/asset.ts). Where it is: a
 * bin (by code) or a zone of the current layout (by id); a spot in the twin is chosen in the app.
 */
export const AssetRow = z
  .object({
    tag: required('tag').pipe(fields.tag),
    name: required('name').pipe(fields.name),
    aliases: list().pipe(fields.aliases.unwrap()),
    type: required('type').pipe(fields.type),
    category: required('category').pipe(fields.category),
    criticality: choice('criticality', CRITICALITIES, 'medium'),
    make: optional('make', 100).pipe(fields.make.unwrap()),
    model: optional('model', 100).pipe(fields.model.unwrap()),
    serial: optional('serial', 100).pipe(fields.serial.unwrap()),
    install_date: optionalDay(),
    meter_unit: optionalText('meter_unit', 16).pipe(fields.meterUnit.unwrap()),
    meter_value: optionalNumber('meter_value')
      .transform((n) => n ?? 0)
      .pipe(fields.meterValue.unwrap()),
    status: choice('status', ASSET_STATUSES, 'running'),
    bin: optionalText('bin', 32).transform((s) => (s === null ? null : s.toUpperCase())),
    zone: optionalText('zone', 64),
    archived: flag('archived', false),
  })
  .superRefine((r, ctx) => {
    if (r.bin !== null && r.zone !== null)
      ctx.addIssue({ code: 'custom', path: ['zone'], message: 'An asset is in a bin or a zone, not both' });
    if (r.meter_unit === null && r.meter_value !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['meter_value'],
        message: 'Give the meter_unit of a meter reading',
      });
  });
type AssetRow = z.output<typeof AssetRow>;

type Context = {
  assets: Map<string, Asset & { openWorkOrders: number }>;
  bins: Map<string, Location>;
  facility: Facility | null;
};

const tagKey = (tag: string) => tag.toLowerCase();

const toRow = (a: Asset): AssetRow => ({
  tag: a.tag,
  name: a.name,
  aliases: a.aliases,
  type: a.type,
  category: a.category,
  criticality: a.criticality,
  make: a.make,
  model: a.model,
  serial: a.serial,
  install_date: a.installedOn,
  meter_unit: a.meterUnit,
  meter_value: a.meterValue,
  status: a.status,
  bin: a.locationCode,
  zone: a.zoneId,
  archived: a.archivedAt !== null,
});

const format = (row: AssetRow) => ({
  ...row,
  aliases: row.aliases.join('|'),
  install_date: row.install_date ?? '',
  meter_unit: row.meter_unit ?? '',
  meter_value: row.meter_unit === null ? '' : row.meter_value,
  bin: row.bin ?? '',
  zone: row.zone ?? '',
  archived: String(row.archived),
});

/** Whether anything but `archived` changes: archiving or restoring alone is not an edit. */
const edited = (changed: readonly string[]) => changed.some((column) => column !== 'archived');

/**
 * Where the asset goes: its bin or zone; with neither, it stays on its spot in the twin if it has
 * one (spots are chosen in the app, not in a file), and is not placed otherwise.
 */
function placement(context: Context, row: AssetRow): PlacementInput {
  const bin = row.bin === null ? undefined : context.bins.get(row.bin);
  if (bin !== undefined) return { kind: 'bin', locationId: bin.id };
  if (row.zone !== null) return { kind: 'zone', zoneId: row.zone };
  const spot = context.facility ? placementOfTag(context.facility, row.tag) : undefined;
  return spot ? { kind: 'twin', ...spotOf(spot) } : { kind: 'none' };
}

function toInput(context: Context, row: AssetRow): AssetInput {
  return {
    tag: row.tag,
    name: row.name,
    aliases: row.aliases,
    type: row.type,
    category: row.category,
    criticality: row.criticality,
    make: row.make,
    model: row.model,
    serial: row.serial,
    installedOn: row.install_date,
    meterUnit: row.meter_unit,
    meterValue: row.meter_value,
    status: row.status,
    placement: placement(context, row),
  };
}

/**
 * The asset register, keyed by tag (in any case). Rows are applied through AssetService, so each
 * asset gets the form's rules, audit entry and event; archiving and restoring follow the `archived`
 * column with the register's rules (no archiving with open work orders).
 */
export const assetsCsv = defineCsvKind<AssetRow, Context>({
  kind: 'assets',
  title: 'Assets',
  roles: PLANNERS,
  maxRows: ROWS_PER_SERVICE_FILE,
  columns: [
    {
      name: 'tag',
      required: true,
      type: 'text',
      description: 'Register tag: letters, digits, dot, dash, slash or underscore; the key',
      example: 'EXAMPLE-P-101',
      caseInsensitive: true,
    },
    {
      name: 'name',
      required: true,
      type: 'text',
      description: 'What people call it',
      example: 'Example: cooling water pump 1',
    },
    {
      name: 'aliases',
      required: false,
      type: 'text',
      description: 'Other names for search and voice, separated by |',
      example: 'pump one|CW pump',
    },
    {
      name: 'type',
      required: true,
      type: 'text',
      description: 'What kind of machine',
      example: 'Centrifugal pump',
    },
    { name: 'category', required: true, type: 'text', description: 'Register group', example: 'Pumps' },
    {
      name: 'criticality',
      required: false,
      type: 'text',
      description: 'low, medium, high or critical (default medium)',
      example: 'high',
    },
    { name: 'make', required: false, type: 'text', description: 'Manufacturer', example: 'Grundfos' },
    { name: 'model', required: false, type: 'text', description: 'Model', example: 'NB 50-200' },
    { name: 'serial', required: false, type: 'text', description: 'Serial number', example: '' },
    {
      name: 'install_date',
      required: false,
      type: 'text',
      description: 'When it was installed, YYYY-MM-DD',
      example: '2021-04-15',
    },
    {
      name: 'meter_unit',
      required: false,
      type: 'text',
      description: 'Unit of its meter (h, km, cycles); empty when it has none',
      example: 'h',
    },
    {
      name: 'meter_value',
      required: false,
      type: 'number',
      description: 'Meter reading; it can only go up',
      example: '1200',
    },
    {
      name: 'status',
      required: false,
      type: 'text',
      description: 'running, down or retired (default running)',
      example: 'running',
    },
    {
      name: 'bin',
      required: false,
      type: 'text',
      description: 'Code of the bin it is kept in; or give a zone',
      example: '',
      caseInsensitive: true,
    },
    {
      name: 'zone',
      required: false,
      type: 'text',
      description:
        'Id of the zone of the current layout it stands in. With neither bin nor zone it keeps its spot in the twin (spots are chosen in the app)',
      example: '',
    },
    {
      name: 'archived',
      required: false,
      type: 'text',
      description: 'true or false (default false); archived assets leave pickers and raise no work',
      example: 'false',
    },
  ],
  schema: AssetRow,
  keyColumn: 'tag',
  key: (row) => tagKey(row.tag),
  label: (row) => `Asset ${row.tag}`,
  format,

  async load(ex, rows, env) {
    // The register is small (hundreds to a few thousand): one statement reads it.
    const [assets, bins, current] = await Promise.all([
      listAssets(ex, { includeArchived: true, limit: null }),
      locationsByCode(
        ex,
        rows.flatMap((r) => (r.bin === null ? [] : [r.bin])),
      ),
      env.services.documents.currentIn(ex),
    ]);
    return {
      assets: new Map(assets.map((a) => [tagKey(a.tag), a])),
      bins: new Map(bins.map((b) => [b.code.toUpperCase(), b])),
      facility: current?.facility ?? null,
    };
  },

  existing(context, row) {
    const asset = context.assets.get(tagKey(row.tag));
    return asset === undefined ? undefined : toRow(asset);
  },

  check(context, rows) {
    const errors: CellError[] = [];
    for (const { line, row, before, changed } of rows) {
      if (row.bin !== null) {
        const bin = context.bins.get(row.bin);
        if (bin === undefined)
          errors.push({ line, column: 'bin', message: `No location has the code ${row.bin}` });
        // The form's rule: an asset is kept in a bin in use that stands in the twin.
        else if (bin.kind !== 'bin' || !bin.active || bin.x === null || bin.z === null)
          errors.push({
            line,
            column: 'bin',
            message: `${bin.code} is not a bin in use; choose a bin to keep the asset at`,
          });
      }
      if (row.zone !== null) {
        if (context.facility === null)
          errors.push({
            line,
            column: 'zone',
            message: 'No facility layout has been published yet, so there are no zones',
          });
        else if (!context.facility.zones.some((z) => z.id === row.zone))
          errors.push({ line, column: 'zone', message: `The current layout has no zone ${row.zone}` });
      }
      if (before === undefined) continue;
      const asset = context.assets.get(tagKey(row.tag));
      if (
        before.meter_unit !== null &&
        before.meter_unit === row.meter_unit &&
        row.meter_value < before.meter_value
      )
        errors.push({
          line,
          column: 'meter_value',
          message: `${before.tag} already reads ${before.meter_value} ${before.meter_unit}; a meter cannot go back`,
        });
      if (before.archived && row.archived && edited(changed))
        errors.push({
          line,
          column: 'archived',
          message: `${before.tag} is archived; set archived to false to change it`,
        });
      if (!before.archived && row.archived && asset !== undefined && asset.openWorkOrders > 0)
        errors.push({
          line,
          column: 'archived',
          message: `${before.tag} has ${asset.openWorkOrders} open work order(s); finish or cancel them before archiving`,
        });
    }
    return errors;
  },

  async apply(tx, context, changes, env) {
    const assets = env.services.assets;
    await applyEach(changes.creates, async ({ row }) => {
      const id = await assets.createIn(tx, toInput(context, row), env.actorId);
      if (row.archived) await assets.archiveIn(tx, id, env.actorId);
    });
    await applyEach(changes.updates, async ({ row, before, changed }) => {
      const asset = context.assets.get(tagKey(row.tag));
      if (asset === undefined) return;
      if (before.archived && !row.archived) await assets.restoreIn(tx, asset.id, env.actorId);
      if (edited(changed)) await assets.updateIn(tx, asset.id, toInput(context, row), env.actorId);
      if (!before.archived && row.archived) await assets.archiveIn(tx, asset.id, env.actorId);
    });
  },

  exportRows: async (ex) => (await listAssets(ex, { includeArchived: true, limit: null })).map(toRow),
});
