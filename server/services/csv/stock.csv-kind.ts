import { z } from 'zod';
import { PLANNERS } from '../../../common/roles.ts';
import { type Location, stockOnHandBySku } from '../../db/catalog.repository.ts';
import {
  type ItemRef,
  itemRefsBySku,
  locationsByCode,
  type StockLevel,
  stockOfPairs,
} from '../../db/catalog-bulk.repository.ts';
import { text, wholeNumber } from '../../domain/csv/cells.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { type LedgerRequest, postStockOperations } from '../stock-ledger.service.ts';
import { defineCsvKind, refusal } from './csv-kind.ts';

export const StockRow = z.object({
  sku: text('sku', 64),
  location: text('location', 32),
  lot: z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim())
    .pipe(z.string().max(64, 'lot is at most 64 characters')),
  on_hand: wholeNumber('on_hand', 0, 1_000_000),
});
type StockRow = z.output<typeof StockRow>;

type Context = {
  items: Map<string, ItemRef>;
  locations: Map<string, Location>;
  stock: Map<string, StockLevel>;
};

/** Stock operations per ledger call: each call loads its snapshot with a few statements of this many keys. */
const COUNTS_PER_POST = 1000;

const stockKey = (itemId: number, locationId: number, lot: string) => `${itemId}|${locationId}|${lot}`;

function resolve(context: Context, row: StockRow) {
  const item = context.items.get(row.sku.toLowerCase());
  const location = context.locations.get(row.location.toUpperCase());
  const level = item && location ? context.stock.get(stockKey(item.id, location.id, row.lot)) : undefined;
  return { item, location, level };
}

/**
 * Stock rows are counts: a row says how many are at a location, and importing it books a `count`
 * through the ledger, so on-hand still equals the sum of the movements.
 */
export const stockCsv = defineCsvKind<StockRow, Context>({
  kind: 'stock',
  title: 'Stock',
  roles: PLANNERS,
  columns: [
    {
      name: 'sku',
      required: true,
      type: 'text',
      description: 'SKU of an existing item',
      example: 'EXAMPLE-M8-030',
      caseInsensitive: true,
    },
    {
      name: 'location',
      required: true,
      type: 'text',
      description: 'Code of an existing location',
      example: 'X-01-1',
      caseInsensitive: true,
    },
    {
      name: 'lot',
      required: false,
      type: 'text',
      description: 'Lot or serial number; empty for items tracked by neither',
      example: '',
    },
    {
      name: 'on_hand',
      required: true,
      type: 'number',
      description: 'How many are there; booked as a count',
      example: '250',
    },
  ],
  moreExamples: [{ sku: 'EXAMPLE-LUB-EP2', location: 'X-01-2', lot: 'LOT-2024-07', on_hand: '12' }],
  schema: StockRow,
  keyColumn: 'sku',
  key: (row) => `${row.sku.toLowerCase()}|${row.location.toUpperCase()}|${row.lot}`,
  label: (row) => `${row.sku} at ${row.location}${row.lot ? ` (lot ${row.lot})` : ''}`,
  format: (row) => ({ ...row }),

  async load(ex, rows) {
    const [items, locations] = await Promise.all([
      itemRefsBySku(
        ex,
        rows.map((r) => r.sku),
      ),
      locationsByCode(
        ex,
        rows.map((r) => r.location.toUpperCase()),
      ),
    ]);
    const context: Context = {
      items: new Map(items.map((i) => [i.sku.toLowerCase(), i])),
      locations: new Map(locations.map((l) => [l.code.toUpperCase(), l])),
      stock: new Map(),
    };
    const pairs = rows.flatMap((row) => {
      const { item, location } = resolve(context, row);
      return item && location ? [{ itemId: item.id, locationId: location.id }] : [];
    });
    for (const level of await stockOfPairs(ex, pairs)) {
      context.stock.set(stockKey(level.itemId, level.locationId, level.lot), level);
    }
    return context;
  },

  existing(context, row) {
    const { item, location, level } = resolve(context, row);
    if (!item || !location) return undefined;
    // An emptied row (nothing on hand or reserved) is no record, and counting 0 there changes nothing.
    if (!level || (level.onHand === 0 && level.reserved === 0)) return row.on_hand === 0 ? row : undefined;
    return { sku: item.sku, location: location.code, lot: level.lot, on_hand: level.onHand };
  },

  check(context, rows) {
    const errors: CellError[] = [];
    for (const { line, row } of rows) {
      const { item, location, level } = resolve(context, row);
      if (!item) errors.push({ line, column: 'sku', message: `No item has SKU ${row.sku}` });
      if (!location)
        errors.push({ line, column: 'location', message: `No location has the code ${row.location}` });
      if (!item) continue;
      if (item.tracking === 'none' && row.lot !== '') {
        errors.push({ line, column: 'lot', message: `${item.name} is not lot-tracked; leave lot empty` });
      } else if (item.tracking !== 'none' && row.lot === '') {
        const what = item.tracking === 'lot' ? 'lot' : 'serial number';
        errors.push({ line, column: 'lot', message: `${item.name} is tracked by ${what}; give one` });
      }
      if (item.tracking === 'serial' && row.on_hand > 1) {
        errors.push({
          line,
          column: 'on_hand',
          message: `${item.name} is tracked by serial number: on_hand is 0 or 1`,
        });
      }
      if (level !== undefined && row.on_hand < level.reserved) {
        errors.push({
          line,
          column: 'on_hand',
          message: `${level.reserved} ${item.unit} are reserved for work orders at ${location?.code ?? row.location}; release them before counting ${row.on_hand}`,
        });
      }
    }
    return errors;
  },

  async apply(tx, context, changes, env) {
    // In file order, so the movement history reads like the file.
    const rows = [...changes.creates, ...changes.updates].sort((a, b) => a.line - b.line);
    // Requests are made a slice at a time: 100,000 of them at once would only sit in memory.
    for (let i = 0; i < rows.length; i += COUNTS_PER_POST) {
      const part = rows.slice(i, i + COUNTS_PER_POST).flatMap(({ line, row }) => {
        const { item, location } = resolve(context, row);
        if (!item || !location) return [];
        const request: LedgerRequest = {
          op: {
            kind: 'count',
            itemId: item.id,
            locationId: location.id,
            countedQty: row.on_hand,
            lot: row.lot,
            reason: 'CSV import',
          },
          actorId: env.actorId,
        };
        return [{ line, request }];
      });
      const outcomes = await postStockOperations(
        tx,
        part.map((c) => c.request),
        env.now,
        // One import event stands for all of them.
        { announce: false },
      );
      // The checks above mirror the ledger's rules; if it still refuses, nothing is written.
      const refused = outcomes.flatMap((o, k) =>
        o.ok ? [] : [{ line: part[k]?.line ?? 0, column: '', message: o.error.message }],
      );
      if (refused.length > 0) throw refusal(refused);
    }
  },

  exportRows: async (ex) =>
    (await stockOnHandBySku(ex)).map((s) => ({
      sku: s.sku,
      location: s.location,
      lot: s.lot,
      on_hand: s.onHand,
    })),
});
