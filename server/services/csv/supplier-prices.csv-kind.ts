import { z } from 'zod';
import { invalid } from '../../../common/errors.ts';
import { PackInput, UnitCode } from '../../../common/masters/catalog.ts';
import { LeadTimeDays, SupplierPriceInput } from '../../../common/masters/supplier.ts';
import { currencyDigits, minorToText, parseMinor } from '../../../common/money.ts';
import { PLANNERS } from '../../../common/roles.ts';
import { type ItemRef, itemRefsBySku } from '../../db/catalog-bulk.repository.ts';
import { listUnits } from '../../db/catalog-masters.repository.ts';
import {
  allPricesBySupplier,
  listSuppliers,
  pricesOfPairs,
  type Supplier,
  type SupplierPrice,
} from '../../db/suppliers.repository.ts';
import { number, optionalNumber, required } from '../../domain/csv/cells.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { applyEach, defineCsvKind, ROWS_PER_SERVICE_FILE } from './csv-kind.ts';

const fields = SupplierPriceInput.shape;

/**
 * What one supplier charges for one item, per pack, in the supplier's currency. The price stays
 * text until the supplier is known: how many decimals it may have depends on the currency.
 */
export const SupplierPriceRow = z.object({
  supplier: required('supplier').trim().min(1, 'supplier is required'),
  sku: required('sku').trim().min(1, 'sku is required'),
  part_number: required('part_number').pipe(fields.partNumber),
  price: required('price')
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'Write the price as an amount of 0 or more, such as 12.50'),
  pack_unit: required('pack_unit').pipe(UnitCode),
  pack_size: number('pack_size').pipe(PackInput.shape.size),
  min_order_packs: optionalNumber('min_order_packs')
    .transform((n) => n ?? 1)
    .pipe(fields.minOrderPacks.unwrap()),
  lead_time_days: optionalNumber('lead_time_days').pipe(LeadTimeDays.nullable()),
});
type SupplierPriceRow = z.output<typeof SupplierPriceRow>;

type Context = {
  suppliers: Map<string, Supplier>;
  items: Map<string, ItemRef>;
  /** Units by lower-case code. */
  units: Map<string, { code: string; archived: boolean }>;
  prices: Map<string, SupplierPrice>;
};

const lower = (s: string) => s.toLowerCase();
const pairKey = (supplierId: number, itemId: number) => `${supplierId}|${itemId}`;

function resolve(context: Context, row: SupplierPriceRow) {
  const supplier = context.suppliers.get(lower(row.supplier));
  const item = context.items.get(lower(row.sku));
  const price = supplier && item ? context.prices.get(pairKey(supplier.id, item.id)) : undefined;
  return { supplier, item, price };
}

const toRow = (
  p: SupplierPrice,
  supplier: Pick<Supplier, 'name' | 'currency'>,
  sku: string,
): SupplierPriceRow => ({
  supplier: supplier.name,
  sku,
  part_number: p.partNumber,
  price: minorToText(p.priceMinor, supplier.currency),
  pack_unit: p.pack.unit,
  pack_size: p.pack.size,
  min_order_packs: p.minOrderPacks,
  lead_time_days: p.leadTimeDays,
});

/**
 * Supplier prices, keyed by supplier (name) and item (SKU). Rows are applied through
 * SupplierService.setPriceIn, so every price has its audit entry and events as on the setup screen.
 */
export const supplierPricesCsv = defineCsvKind<SupplierPriceRow, Context>({
  kind: 'supplier_prices',
  title: 'Supplier prices',
  roles: PLANNERS,
  maxRows: ROWS_PER_SERVICE_FILE,
  columns: [
    {
      name: 'supplier',
      required: true,
      type: 'text',
      description: 'Supplier name, as on the Setup page; with sku, the key',
      example: 'Example Bearings Ltd',
      caseInsensitive: true,
    },
    {
      name: 'sku',
      required: true,
      type: 'text',
      description: 'SKU of an existing item',
      example: 'EXAMPLE-M8-030',
      caseInsensitive: true,
    },
    {
      name: 'part_number',
      required: true,
      type: 'text',
      description: "The supplier's own part number",
      example: 'EX-931-M8x30',
    },
    {
      name: 'price',
      required: true,
      type: 'number',
      description: "Price of one pack in the supplier's currency, e.g. 12.50 (0 decimals for JPY)",
      example: '9.80',
    },
    {
      name: 'pack_unit',
      required: true,
      type: 'text',
      description: "Unit of the pack (box, case); the item's own unit for single pieces",
      example: 'box',
      caseInsensitive: true,
    },
    {
      name: 'pack_size',
      required: true,
      type: 'number',
      description: "How many of the item's unit one pack holds (1 for the item's own unit)",
      example: '100',
    },
    {
      name: 'min_order_packs',
      required: false,
      type: 'number',
      description: 'Fewest packs per order (default 1)',
      example: '1',
    },
    {
      name: 'lead_time_days',
      required: false,
      type: 'number',
      description: "Days to deliver this item; empty for the supplier's own lead time",
      example: '',
    },
  ],
  schema: SupplierPriceRow,
  keyColumn: 'supplier',
  key: (row) => `${lower(row.supplier)}|${lower(row.sku)}`,
  label: (row) => `${row.sku} from ${row.supplier}`,
  format: (row) => ({ ...row, lead_time_days: row.lead_time_days ?? '' }),

  async load(ex, rows) {
    const [suppliers, items, units] = await Promise.all([
      listSuppliers(ex),
      itemRefsBySku(
        ex,
        rows.map((r) => r.sku),
      ),
      listUnits(ex),
    ]);
    const context: Context = {
      suppliers: new Map(suppliers.map((s) => [lower(s.name), s])),
      items: new Map(items.map((i) => [lower(i.sku), i])),
      units: new Map(units.map((u) => [lower(u.code), u])),
      prices: new Map(),
    };
    const pairs = rows.flatMap((row) => {
      const { supplier, item } = resolve(context, row);
      return supplier && item ? [{ supplierId: supplier.id, itemId: item.id }] : [];
    });
    for (const p of await pricesOfPairs(ex, pairs)) context.prices.set(pairKey(p.supplierId, p.itemId), p);
    return context;
  },

  existing(context, row) {
    const { supplier, item, price } = resolve(context, row);
    return supplier && item && price ? toRow(price, supplier, item.sku) : undefined;
  },

  check(context, rows) {
    const errors: CellError[] = [];
    for (const { line, row, before, changed } of rows) {
      const { supplier, item } = resolve(context, row);
      if (supplier === undefined)
        errors.push({ line, column: 'supplier', message: `No supplier is called "${row.supplier}"` });
      // An archived supplier's prices stay as they are: an export of them re-imports unchanged.
      else if (supplier.archived && (before === undefined || changed.length > 0))
        errors.push({
          line,
          column: 'supplier',
          message: `${supplier.name} is archived; restore it before changing its prices`,
        });
      else if (parseMinor(row.price, supplier.currency) === null) {
        const digits = currencyDigits(supplier.currency);
        errors.push({
          line,
          column: 'price',
          message: `${row.price} is not a price in ${supplier.currency}, which has ${digits === 0 ? 'no decimals' : `at most ${digits} decimals`}`,
        });
      }
      if (item === undefined) errors.push({ line, column: 'sku', message: `No item has SKU ${row.sku}` });
      const unit = context.units.get(lower(row.pack_unit));
      if (unit === undefined || unit.archived)
        errors.push({
          line,
          column: 'pack_unit',
          message: `There is no active unit "${row.pack_unit}"; add it under Setup → Units first`,
        });
      else if (item !== undefined && lower(unit.code) === lower(item.unit) && row.pack_size !== 1)
        errors.push({
          line,
          column: 'pack_size',
          message: `${item.name} is counted in ${item.unit}: a pack of ${item.unit} holds 1; use a unit such as box`,
        });
    }
    return errors;
  },

  async apply(tx, context, changes, env) {
    await applyEach([...changes.creates, ...changes.updates], async ({ row }) => {
      const { supplier, item } = resolve(context, row);
      if (supplier === undefined || item === undefined) return;
      const priceMinor = parseMinor(row.price, supplier.currency);
      if (priceMinor === null) throw invalid(`${row.price} is not a price in ${supplier.currency}`);
      await env.services.suppliers.setPriceIn(
        tx,
        {
          supplierId: supplier.id,
          itemId: item.id,
          partNumber: row.part_number,
          priceMinor,
          pack: { unit: row.pack_unit, size: row.pack_size },
          minOrderPacks: row.min_order_packs,
          leadTimeDays: row.lead_time_days,
        },
        env.actorId,
      );
    });
  },

  exportRows: async (ex) =>
    (await allPricesBySupplier(ex)).map((p) =>
      toRow(p, { name: p.supplierName, currency: p.currency }, p.sku),
    ),
});
