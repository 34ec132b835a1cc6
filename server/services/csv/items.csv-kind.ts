import { z } from 'zod';
import { ItemPacks } from '../../../common/masters/catalog.ts';
import { ItemInput, TRACKING_MODES } from '../../../common/masters/item.ts';
import { PLANNERS } from '../../../common/roles.ts';
import type { Pack } from '../../../common/units.ts';
import {
  allItems,
  type Item,
  type ItemInput as ItemFields,
  insertItems,
} from '../../db/catalog.repository.ts';
import {
  deletePacksOfItems,
  itemRefsBySku,
  itemsBySku,
  itemsInStock,
  packsOfItems,
  skusByBarcode,
  updateItems,
} from '../../db/catalog-bulk.repository.ts';
import { insertItemPacks, listCategories, listUnits } from '../../db/catalog-masters.repository.ts';
import { listSuppliers, type Supplier } from '../../db/suppliers.repository.ts';
import { choice, list, money, number, optionalText, required } from '../../domain/csv/cells.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { type Changes, defineCsvKind } from './csv-kind.ts';

const PACK = /^([^:]+):\s*(\d+)$/;

/** `box:100|case:1000`: the item's packs, each a unit and how many base units it holds. */
const packList = () =>
  list().transform((parts, ctx) =>
    parts.flatMap((part) => {
      const match = PACK.exec(part);
      if (match?.[1] !== undefined && match[2] !== undefined)
        return [{ unit: match[1].trim(), size: Number(match[2]) }];
      ctx.addIssue({
        code: 'custom',
        message: `"${part}" is not a pack; write unit:size separated by |, e.g. box:100|case:1000`,
      });
      return [];
    }),
  );

// The item form's schema (common/masters/item.ts) validates every value, so a row holds nothing the form refuses.
const fields = ItemInput.shape;
export const ItemRow = z.object({
  sku: required('sku').pipe(fields.sku),
  name: required('name').pipe(fields.name),
  aliases: list().pipe(fields.aliases.unwrap()),
  unit: required('unit').pipe(fields.unit),
  barcode: optionalText('barcode', 64).pipe(fields.barcode.unwrap()),
  category: required('category').pipe(fields.category),
  unit_cost: money('unit_cost', 2).pipe(fields.unitCostCents),
  reorder_point: number('reorder_point').pipe(fields.reorderPoint),
  reorder_qty: number('reorder_qty').pipe(fields.reorderQty),
  tracking: choice('tracking', TRACKING_MODES, 'none'),
  supplier: optionalText('supplier', 120),
  packs: packList().pipe(ItemPacks),
});
type ItemRow = z.output<typeof ItemRow>;

type Master = { name: string; archived: boolean };

type Context = {
  items: Map<string, Item>;
  /** The stored packs of those items. */
  packs: Map<number, Pack[]>;
  /** Every supplier (there are few), by lower-case name. */
  suppliers: Map<string, Supplier>;
  supplierNames: Map<number, string>;
  /** Categories by lower-case name and units by lower-case code, spelled as stored. */
  categories: Map<string, Master>;
  units: Map<string, Master>;
  barcodes: Map<string, string>;
  inStock: Set<number>;
};

const skuKey = (sku: string) => sku.toLowerCase();
const lower = (s: string) => s.toLowerCase();

const formatPacks = (packs: readonly Pack[]) =>
  [...packs]
    .sort((a, b) => a.size - b.size || a.unit.localeCompare(b.unit))
    .map((p) => `${p.unit}:${p.size}`)
    .join('|');

const toRow = (item: Item, context: Pick<Context, 'supplierNames' | 'packs'>): ItemRow => ({
  sku: item.sku,
  name: item.name,
  aliases: item.aliases,
  unit: item.unit,
  barcode: item.barcode,
  category: item.category,
  unit_cost: item.unitCostCents,
  reorder_point: item.reorderPoint,
  reorder_qty: item.reorderQty,
  tracking: item.tracking,
  supplier: item.supplierId === null ? null : (context.supplierNames.get(item.supplierId) ?? null),
  packs: context.packs.get(item.id) ?? [],
});

/**
 * The categories and units the changes name that do not exist yet, by lower-case name, in the
 * spelling of the first row naming each: an import creates them.
 */
function newMasters(context: Context, changes: Changes<ItemRow>) {
  const categories = new Map<string, string>();
  const units = new Map<string, string>();
  for (const { row } of [...changes.creates, ...changes.updates].sort((a, b) => a.line - b.line)) {
    if (!context.categories.has(lower(row.category)) && !categories.has(lower(row.category)))
      categories.set(lower(row.category), row.category);
    for (const unit of [row.unit, ...row.packs.map((p) => p.unit)]) {
      if (!context.units.has(lower(unit)) && !units.has(lower(unit))) units.set(lower(unit), unit);
    }
  }
  return { categories, units };
}

export const itemsCsv = defineCsvKind<ItemRow, Context>({
  kind: 'items',
  title: 'Items',
  roles: PLANNERS,
  columns: [
    {
      name: 'sku',
      required: true,
      type: 'text',
      description: 'Stock-keeping unit; the key',
      example: 'EXAMPLE-M8-030',
    },
    {
      name: 'name',
      required: true,
      type: 'text',
      description: 'What people call it',
      example: 'Example: M8 x 30 hex bolt',
    },
    {
      name: 'aliases',
      required: false,
      type: 'text',
      description: 'Other names for search and voice, separated by |',
      example: 'M8 bolt|hex bolt',
    },
    {
      name: 'unit',
      required: true,
      type: 'text',
      description: 'Unit it is counted in (ea, m, kg); a unit that does not exist yet is created',
      example: 'ea',
      caseInsensitive: true,
    },
    {
      name: 'barcode',
      required: false,
      type: 'text',
      description: 'EAN/UPC or own code, 4 or more characters',
      example: '',
    },
    {
      name: 'category',
      required: true,
      type: 'text',
      description: 'Catalogue group; a category that does not exist yet is created',
      example: 'Fasteners',
      caseInsensitive: true,
    },
    {
      name: 'unit_cost',
      required: true,
      type: 'number',
      description: "Cost of one unit in the site's currency, e.g. 12.50",
      example: '0.12',
    },
    {
      name: 'reorder_point',
      required: true,
      type: 'number',
      description: 'Reorder at or below this on hand',
      example: '200',
    },
    {
      name: 'reorder_qty',
      required: true,
      type: 'number',
      description: 'How many to order',
      example: '1000',
    },
    {
      name: 'tracking',
      required: false,
      type: 'text',
      description: 'none, lot or serial (default none)',
      example: 'none',
    },
    {
      name: 'supplier',
      required: false,
      type: 'text',
      description: 'Preferred supplier, by name; it must exist and not be archived',
      example: '',
      caseInsensitive: true,
    },
    {
      name: 'packs',
      required: false,
      type: 'text',
      description:
        'Packs it comes in besides its unit, unit:size separated by |; left out, packs stay as they are',
      example: 'box:100|case:1000',
      caseInsensitive: true,
    },
  ],
  moreExamples: [
    {
      sku: 'EXAMPLE-LUB-EP2',
      name: 'Example: EP2 grease 400 g (delete these example rows)',
      aliases: 'grease',
      unit: 'ea',
      barcode: '',
      category: 'Lubricants',
      unit_cost: '6.90',
      reorder_point: '5',
      reorder_qty: '20',
      tracking: 'lot',
      supplier: '',
      packs: '',
    },
  ],
  schema: ItemRow,
  keyColumn: 'sku',
  key: (row) => skuKey(row.sku),
  label: (row) => `SKU ${row.sku}`,
  format: (row) => ({
    sku: row.sku,
    name: row.name,
    aliases: row.aliases.join('|'),
    unit: row.unit,
    barcode: row.barcode ?? '',
    category: row.category,
    unit_cost: (row.unit_cost / 100).toFixed(2),
    reorder_point: row.reorder_point,
    reorder_qty: row.reorder_qty,
    tracking: row.tracking,
    supplier: row.supplier ?? '',
    packs: formatPacks(row.packs),
  }),

  async load(ex, rows) {
    const items = await itemsBySku(
      ex,
      rows.map((r) => r.sku),
    );
    const ids = items.map((i) => i.id);
    const [suppliers, categories, units, barcodes, inStock, packs] = await Promise.all([
      listSuppliers(ex),
      listCategories(ex),
      listUnits(ex),
      skusByBarcode(
        ex,
        rows.flatMap((r) => (r.barcode === null ? [] : [r.barcode])),
      ),
      itemsInStock(ex, ids),
      packsOfItems(ex, ids),
    ]);
    return {
      items: new Map(items.map((i) => [skuKey(i.sku), i])),
      packs,
      suppliers: new Map(suppliers.map((s) => [lower(s.name), s])),
      supplierNames: new Map(suppliers.map((s) => [s.id, s.name])),
      categories: new Map(categories.map((c) => [lower(c.name), c])),
      units: new Map(units.map((u) => [lower(u.code), { name: u.code, archived: u.archived }])),
      barcodes,
      inStock,
    };
  },

  existing(context, row) {
    const item = context.items.get(skuKey(row.sku));
    return item === undefined ? undefined : toRow(item, context);
  },

  check(context, rows) {
    const errors: CellError[] = [];
    const barcodeLine = new Map<string, number>();
    for (const { line, row, before } of rows) {
      const item = context.items.get(skuKey(row.sku));
      if (row.supplier !== null) {
        const supplier = context.suppliers.get(lower(row.supplier));
        if (supplier === undefined)
          errors.push({ line, column: 'supplier', message: `No supplier is called "${row.supplier}"` });
        // One already preferred may stay so; an archived one cannot newly become so.
        else if (supplier.archived && item?.supplierId !== supplier.id)
          errors.push({
            line,
            column: 'supplier',
            message: `${supplier.name} is archived and cannot be a preferred supplier; choose an active one`,
          });
      }
      // Missing categories and units are created; archived ones stay out of use until restored.
      const category = context.categories.get(lower(row.category));
      if (category?.archived)
        errors.push({
          line,
          column: 'category',
          message: `The category ${category.name} is archived; restore it under Setup or choose another`,
        });
      const unit = context.units.get(lower(row.unit));
      if (unit?.archived)
        errors.push({
          line,
          column: 'unit',
          message: `The unit ${unit.name} is archived; restore it under Setup or choose another`,
        });
      for (const pack of row.packs) {
        const packUnit = context.units.get(lower(pack.unit));
        if (lower(pack.unit) === lower(row.unit))
          errors.push({
            line,
            column: 'packs',
            message: `A pack cannot be in ${row.unit}, the unit the item is counted in; use a unit such as box`,
          });
        else if (packUnit?.archived)
          errors.push({
            line,
            column: 'packs',
            message: `The unit ${packUnit.name} is archived; restore it under Setup or choose another`,
          });
      }
      if (row.barcode !== null) {
        const owner = context.barcodes.get(row.barcode);
        const first = barcodeLine.get(row.barcode);
        if (owner !== undefined && skuKey(owner) !== skuKey(row.sku)) {
          errors.push({
            line,
            column: 'barcode',
            message: `Barcode ${row.barcode} already belongs to SKU ${owner}`,
          });
        } else if (first !== undefined) {
          errors.push({
            line,
            column: 'barcode',
            message: `Barcode ${row.barcode} is also on line ${first}`,
          });
        } else barcodeLine.set(row.barcode, line);
      }
      if (
        before !== undefined &&
        item !== undefined &&
        before.tracking !== row.tracking &&
        context.inStock.has(item.id)
      ) {
        errors.push({
          line,
          column: 'tracking',
          message: `${item.name} is in stock, so its tracking cannot change from ${before.tracking} to ${row.tracking}`,
        });
      }
    }
    return errors;
  },

  notes(context, changes) {
    const created = newMasters(context, changes);
    return [
      ...[...created.categories.values()].map((name) => `Creates category ${name}`),
      ...[...created.units.values()].map((code) => `Creates unit ${code}`),
    ];
  },

  async apply(tx, context, changes, env) {
    // New categories and units first, through the masters' service (rules, audit entry, event each).
    const created = newMasters(context, changes);
    const categories = new Map([...context.categories].map(([k, c]) => [k, c.name]));
    const units = new Map([...context.units].map(([k, u]) => [k, u.name]));
    for (const [key, name] of created.categories) {
      await env.services.masters.createCategoryIn(tx, { name }, env.actorId);
      categories.set(key, name);
    }
    for (const [key, code] of created.units) {
      await env.services.masters.createUnitIn(tx, { code, name: code }, env.actorId);
      units.set(key, code);
    }
    // Stored spelled as the masters are.
    const unitOf = (code: string) => units.get(lower(code)) ?? code;
    const fieldsOf = (row: ItemRow): ItemFields => ({
      sku: row.sku,
      name: row.name,
      aliases: row.aliases,
      unit: unitOf(row.unit),
      barcode: row.barcode,
      category: categories.get(lower(row.category)) ?? row.category,
      unitCostCents: row.unit_cost,
      reorderPoint: row.reorder_point,
      reorderQty: row.reorder_qty,
      tracking: row.tracking,
      supplierId: row.supplier === null ? null : (context.suppliers.get(lower(row.supplier))?.id ?? null),
    });
    await insertItems(
      tx,
      changes.creates.map((c) => fieldsOf(c.row)),
      env.now,
    );
    await updateItems(
      tx,
      changes.updates.flatMap(({ row }) => {
        const item = context.items.get(skuKey(row.sku));
        return item === undefined ? [] : [{ ...fieldsOf(row), id: item.id }];
      }),
    );

    // Packs are written only where they change: new items with packs, stored items whose packs differ.
    const packed = changes.creates.filter((c) => c.row.packs.length > 0);
    const createdIds = new Map(
      (
        await itemRefsBySku(
          tx,
          packed.map((c) => c.row.sku),
        )
      ).map((i) => [skuKey(i.sku), i.id]),
    );
    const repacked = [
      ...packed.flatMap(({ row }) => {
        const id = createdIds.get(skuKey(row.sku));
        return id === undefined ? [] : [{ id, packs: row.packs }];
      }),
      ...changes.updates.flatMap(({ row, before }) => {
        const item = context.items.get(skuKey(row.sku));
        const same = lower(formatPacks(row.packs)) === lower(formatPacks(before.packs));
        return item === undefined || same ? [] : [{ id: item.id, packs: row.packs }];
      }),
    ];
    await deletePacksOfItems(
      tx,
      repacked.map((r) => r.id),
    );
    await insertItemPacks(
      tx,
      repacked.flatMap((r) => r.packs.map((p) => ({ itemId: r.id, unit: unitOf(p.unit), size: p.size }))),
    );
  },

  async exportRows(ex) {
    const [items, suppliers] = await Promise.all([allItems(ex), listSuppliers(ex)]);
    const packs = await packsOfItems(
      ex,
      items.map((i) => i.id),
    );
    const supplierNames = new Map(suppliers.map((s) => [s.id, s.name]));
    return items.map((i) => toRow(i, { supplierNames, packs }));
  },
});
