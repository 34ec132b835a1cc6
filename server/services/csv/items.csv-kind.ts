import { z } from 'zod';
import { allItems, type Item, type ItemInput, insertItems } from '../../db/catalog.repository.ts';
import { itemsBySku, itemsInStock, skusByBarcode, updateItems } from '../../db/catalog-bulk.repository.ts';
import { listCategories, listUnits } from '../../db/catalog-masters.repository.ts';
import { listSuppliers, type Supplier } from '../../db/suppliers.repository.ts';
import { choice, number, optionalText, text, wholeNumber } from '../../domain/csv/cells.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { defineCsvKind } from './csv-kind.ts';

// The limits match the item form's (items.create / items.update), so a CSV row can hold nothing the form refuses.
export const ItemRow = z.object({
  sku: text('sku', 64),
  name: text('name', 200, 2),
  aliases: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split('|')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(100, 'each alias is at most 100 characters'))
        .max(20, 'at most 20 aliases, separated by |'),
    ),
  unit: text('unit', 16),
  barcode: optionalText('barcode', 64).pipe(
    z.string().min(4, 'barcode needs at least 4 characters').nullable(),
  ),
  category: text('category', 64),
  unit_cost: number('unit_cost')
    .pipe(z.number().min(0, 'unit_cost cannot be negative').max(1_000_000, 'unit_cost is at most 1,000,000'))
    // Via a decimal string, so 1.005 is 101 cents rather than float arithmetic's 100.
    .transform((v) => Math.round(Number(`${v}e2`))),
  reorder_point: wholeNumber('reorder_point', 0, 1_000_000),
  reorder_qty: wholeNumber('reorder_qty', 0, 1_000_000),
  tracking: choice('tracking', ['none', 'lot', 'serial'], 'none'),
  supplier: optionalText('supplier', 200),
});
type ItemRow = z.output<typeof ItemRow>;

type Master = { name: string; archived: boolean };

type Context = {
  items: Map<string, Item>;
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

const toRow = (item: Item, supplierNames: ReadonlyMap<number, string>): ItemRow => ({
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
  supplier: item.supplierId === null ? null : (supplierNames.get(item.supplierId) ?? null),
});

const toInput = (row: ItemRow, context: Context): ItemInput => ({
  sku: row.sku,
  name: row.name,
  aliases: row.aliases,
  // Spelled as the masters are.
  unit: context.units.get(row.unit.toLowerCase())?.name ?? row.unit,
  barcode: row.barcode,
  category: context.categories.get(row.category.toLowerCase())?.name ?? row.category,
  unitCostCents: row.unit_cost,
  reorderPoint: row.reorder_point,
  reorderQty: row.reorder_qty,
  tracking: row.tracking,
  supplierId: row.supplier === null ? null : (context.suppliers.get(row.supplier.toLowerCase())?.id ?? null),
});

export const itemsCsv = defineCsvKind<ItemRow, Context>({
  kind: 'items',
  title: 'Items',
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
      description: 'Unit of quantities (ea, box, m)',
      example: 'ea',
    },
    {
      name: 'barcode',
      required: false,
      type: 'text',
      description: 'EAN/UPC or own code, 4 or more characters',
      example: '',
    },
    { name: 'category', required: true, type: 'text', description: 'Catalogue group', example: 'Fasteners' },
    {
      name: 'unit_cost',
      required: true,
      type: 'number',
      description: 'Cost of one unit, e.g. 12.50',
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
      description: 'Supplier name, as on the Purchasing page',
      example: '',
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
  }),

  async load(ex, rows) {
    const items = await itemsBySku(
      ex,
      rows.map((r) => r.sku),
    );
    const [suppliers, categories, units, barcodes, inStock] = await Promise.all([
      listSuppliers(ex),
      listCategories(ex),
      listUnits(ex),
      skusByBarcode(
        ex,
        rows.flatMap((r) => (r.barcode === null ? [] : [r.barcode])),
      ),
      itemsInStock(
        ex,
        items.map((i) => i.id),
      ),
    ]);
    return {
      items: new Map(items.map((i) => [skuKey(i.sku), i])),
      suppliers: new Map(suppliers.map((s) => [s.name.toLowerCase(), s])),
      supplierNames: new Map(suppliers.map((s) => [s.id, s.name])),
      categories: new Map(categories.map((c) => [c.name.toLowerCase(), c])),
      units: new Map(units.map((u) => [u.code.toLowerCase(), { name: u.code, archived: u.archived }])),
      barcodes,
      inStock,
    };
  },

  existing(context, row) {
    const item = context.items.get(skuKey(row.sku));
    return item === undefined ? undefined : toRow(item, context.supplierNames);
  },

  check(context, rows) {
    const errors: CellError[] = [];
    const barcodeLine = new Map<string, number>();
    for (const { line, row, before } of rows) {
      const item = context.items.get(skuKey(row.sku));
      if (row.supplier !== null) {
        const supplier = context.suppliers.get(row.supplier.toLowerCase());
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
      const category = context.categories.get(row.category.toLowerCase());
      if (category === undefined || category.archived)
        errors.push({
          line,
          column: 'category',
          message: category
            ? `The category ${category.name} is archived; choose an active one`
            : `There is no category "${row.category}"; add it under Setup → Categories first`,
        });
      const unit = context.units.get(row.unit.toLowerCase());
      if (unit === undefined || unit.archived)
        errors.push({
          line,
          column: 'unit',
          message: unit
            ? `The unit ${unit.name} is archived; choose an active one`
            : `There is no unit "${row.unit}"; add it under Setup → Units first`,
        });
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

  async apply(tx, context, changes, meta) {
    await insertItems(
      tx,
      changes.creates.map((c) => toInput(c.row, context)),
      meta.now,
    );
    await updateItems(
      tx,
      changes.updates.flatMap(({ row }) => {
        const item = context.items.get(skuKey(row.sku));
        return item === undefined ? [] : [{ ...toInput(row, context), id: item.id }];
      }),
    );
  },

  async exportRows(ex) {
    const [items, suppliers] = await Promise.all([allItems(ex), listSuppliers(ex)]);
    const names = new Map(suppliers.map((s) => [s.id, s.name]));
    return items.map((i) => toRow(i, names));
  },
});
