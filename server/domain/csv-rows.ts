import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/**
 * The CSV formats for items, locations and stock: one schema per kind, and a parser that reports
 * every bad row by its line number in the file (the header is line 1).
 */
export const CSV_KINDS = ['items', 'locations', 'stock'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

const int = (what: string) =>
  z.coerce.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`);
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? null : s));

export const ItemRow = z.object({
  sku: z.string().trim().min(1, 'sku is required').max(64),
  name: z.string().trim().min(2, 'name is required').max(200),
  aliases: z
    .string()
    .trim()
    .default('')
    .transform((s) => s.split('|').map((a) => a.trim()).filter(Boolean)),
  unit: z.string().trim().min(1, 'unit is required').max(16),
  barcode: optionalText.default(''),
  category: z.string().trim().min(1, 'category is required').max(64),
  unit_cost: z.coerce
    .number({ error: 'unit_cost must be a number' })
    .min(0, 'unit_cost cannot be negative')
    .transform((v) => Math.round(v * 100)),
  reorder_point: int('reorder_point').min(0, 'reorder_point cannot be negative'),
  reorder_qty: int('reorder_qty').min(0, 'reorder_qty cannot be negative'),
  tracking: z.enum(['none', 'lot', 'serial'], { error: 'tracking must be none, lot or serial' }).default('none'),
  supplier: optionalText.default(''),
});

const num = (what: string) => z.coerce.number({ error: `${what} must be a number` }).finite();

export const LocationRow = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'code is required')
    .max(32)
    .regex(/^[A-Za-z0-9-]+$/, 'code may only hold letters, digits and dashes'),
  kind: z.enum(['bin', 'floor', 'dock'], { error: 'kind must be bin, floor or dock' }).default('bin'),
  aisle: optionalText.default(''),
  bay: z
    .string()
    .trim()
    .default('')
    .transform((s, ctx) => {
      if (s === '') return null;
      const n = Number(s);
      if (!Number.isInteger(n)) ctx.addIssue({ code: 'custom', message: 'bay must be a whole number' });
      return n;
    }),
  level: z
    .string()
    .trim()
    .default('')
    .transform((s, ctx) => {
      if (s === '') return null;
      const n = Number(s);
      if (!Number.isInteger(n)) ctx.addIssue({ code: 'custom', message: 'level must be a whole number' });
      return n;
    }),
  x: num('x'),
  y: num('y'),
  z: num('z'),
  width: num('width').positive('width must be above 0'),
  height: num('height').min(0, 'height cannot be negative'),
  depth: num('depth').positive('depth must be above 0'),
  capacity: int('capacity').positive('capacity must be above 0'),
  active: z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: 'active must be true or false' })
    .default('true')
    .transform((v) => v === '' || v === 'true' || v === '1' || v === 'yes'),
});

export const StockRow = z.object({
  sku: z.string().trim().min(1, 'sku is required'),
  location: z.string().trim().min(1, 'location is required'),
  lot: z.string().trim().max(64).default(''),
  on_hand: int('on_hand').min(0, 'on_hand cannot be negative'),
});

export const SCHEMAS = { items: ItemRow, locations: LocationRow, stock: StockRow } as const;
export type RowOf<K extends CsvKind> = z.output<(typeof SCHEMAS)[K]>;

export const COLUMNS: Record<CsvKind, readonly string[]> = {
  items: ['sku', 'name', 'aliases', 'unit', 'barcode', 'category', 'unit_cost', 'reorder_point', 'reorder_qty', 'tracking', 'supplier'],
  locations: ['code', 'kind', 'aisle', 'bay', 'level', 'x', 'y', 'z', 'width', 'height', 'depth', 'capacity', 'active'],
  stock: ['sku', 'location', 'lot', 'on_hand'],
};

/** Each column a row must have; the others may be missing from the file and take their defaults. */
const REQUIRED: Record<CsvKind, readonly string[]> = {
  items: ['sku', 'name', 'unit', 'category', 'unit_cost', 'reorder_point', 'reorder_qty'],
  locations: ['code', 'x', 'y', 'z', 'width', 'height', 'depth', 'capacity'],
  stock: ['sku', 'location', 'on_hand'],
};

export type RowError = { line: number; message: string };
export type ParsedCsv<K extends CsvKind> = { rows: { line: number; row: RowOf<K> }[]; errors: RowError[] };

export function parseCsv<K extends CsvKind>(kind: K, text: string): ParsedCsv<K> {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      info: true,
      relax_column_count: false,
    }) as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], errors: [{ line, message: `The file is not valid CSV: ${(error as Error).message}` }] };
  }
  if (records.length === 0) return { rows: [], errors: [{ line: 1, message: 'The file has no data rows' }] };
  const header = Object.keys(records[0]?.record ?? {});
  const missing = REQUIRED[kind].filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return { rows: [], errors: [{ line: 1, message: `Missing column(s): ${missing.join(', ')}` }] };
  }
  const schema = SCHEMAS[kind];
  const rows: ParsedCsv<K>['rows'] = [];
  const errors: RowError[] = [];
  for (const { record, info } of records) {
    const parsed = schema.safeParse(record);
    if (parsed.success) rows.push({ line: info.lines, row: parsed.data as RowOf<K> });
    else errors.push({ line: info.lines, message: parsed.error.issues.map((i) => i.message).join('; ') });
  }
  return { rows, errors };
}
