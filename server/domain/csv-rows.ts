import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { isManualKind, LOCATION_KINDS } from '../../common/masters/location.ts';

/**
 * The CSV formats for items, locations and stock: one schema per kind, and a parser that reports
 * every bad row by its line number in the file (the header is line 1).
 */
export const CSV_KINDS = ['items', 'locations', 'stock'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

// A blank cell is "missing", not 0: coercing '' would quietly import zeros.
const number = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, `${what} is required`)
    .transform(Number)
    .pipe(z.number({ error: `${what} must be a number` }).finite(`${what} must be a number`));
const int = (what: string) => number(what).pipe(z.number().int(`${what} must be a whole number`));
// An absent column and an empty cell mean the same: no value.
const optionalText = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === '' ? null : s.trim()));

export const ItemRow = z.object({
  sku: z.string().trim().min(1, 'sku is required').max(64),
  name: z.string().trim().min(2, 'name is required').max(200),
  aliases: z
    .string()
    .trim()
    .default('')
    .transform((s) =>
      s
        .split('|')
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  unit: z.string().trim().min(1, 'unit is required').max(16),
  barcode: optionalText,
  category: z.string().trim().min(1, 'category is required').max(64),
  unit_cost: number('unit_cost')
    .pipe(z.number().min(0, 'unit_cost cannot be negative'))
    // Via a decimal string, so 1.005 is 101 cents rather than float arithmetic's 100.
    .transform((v) => Math.round(Number(`${v}e2`))),
  reorder_point: int('reorder_point').pipe(z.number().min(0, 'reorder_point cannot be negative')),
  reorder_qty: int('reorder_qty').pipe(z.number().min(0, 'reorder_qty cannot be negative')),
  tracking: z
    .enum(['none', 'lot', 'serial'], { error: 'tracking must be none, lot or serial' })
    .default('none'),
  supplier: optionalText,
});

/** A blank cell is no value (a van has no place); anything else must be a number. */
const optionalNumber = (what: string) =>
  z
    .string()
    .trim()
    .default('')
    .transform((s, ctx) => {
      if (s === '') return null;
      const n = Number(s);
      if (!Number.isFinite(n)) ctx.addIssue({ code: 'custom', message: `${what} must be a number` });
      return n;
    });

export const LocationRow = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, 'code is required')
      .max(32)
      .regex(/^[A-Za-z0-9-]+$/, 'code may only hold letters, digits and dashes'),
    kind: z
      .enum(LOCATION_KINDS, {
        error: `kind must be ${LOCATION_KINDS.slice(0, -1).join(', ')} or ${LOCATION_KINDS.at(-1)}`,
      })
      .default('bin'),
    name: z.string().trim().max(100, 'name has at most 100 characters').default(''),
    description: z.string().trim().max(500, 'description has at most 500 characters').default(''),
    aisle: optionalText,
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
    x: optionalNumber('x'),
    y: optionalNumber('y'),
    z: optionalNumber('z'),
    width: optionalNumber('width').pipe(z.number().positive('width must be above 0').nullable()),
    height: optionalNumber('height').pipe(z.number().min(0, 'height cannot be negative').nullable()),
    depth: optionalNumber('depth').pipe(z.number().positive('depth must be above 0').nullable()),
    capacity: int('capacity').pipe(z.number().positive('capacity must be above 0')),
    active: z
      .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: 'active must be true or false' })
      .default('true')
      .transform((v) => v === '' || v === 'true' || v === '1' || v === 'yes'),
  })
  .superRefine((r, ctx) => {
    const placed = [r.x, r.y, r.z].filter((v) => v !== null).length;
    if (isManualKind(r.kind)) {
      // Cabinets, rooms and areas may stand somewhere in the twin; a van never does.
      if (placed !== 0 && placed !== 3)
        ctx.addIssue({ code: 'custom', message: 'x, y and z go together: give all three or none' });
      if (r.kind === 'van' && placed > 0)
        ctx.addIssue({ code: 'custom', message: 'a van has no place in the twin: leave x, y and z empty' });
      return;
    }
    for (const key of ['x', 'y', 'z', 'width', 'height', 'depth'] as const) {
      if (r[key] === null) ctx.addIssue({ code: 'custom', message: `${key} is required for a ${r.kind}` });
    }
  })
  // Hand-kept locations are not drawn, so they have no size.
  .transform((r) => ({ ...r, width: r.width ?? 0, height: r.height ?? 0, depth: r.depth ?? 0 }));

export const StockRow = z.object({
  sku: z.string().trim().min(1, 'sku is required'),
  location: z.string().trim().min(1, 'location is required'),
  lot: z.string().trim().max(64).default(''),
  on_hand: int('on_hand').pipe(z.number().min(0, 'on_hand cannot be negative')),
});

export const SCHEMAS = { items: ItemRow, locations: LocationRow, stock: StockRow } as const;
export type RowOf<K extends CsvKind> = z.output<(typeof SCHEMAS)[K]>;

export const COLUMNS: Record<CsvKind, readonly string[]> = {
  items: [
    'sku',
    'name',
    'aliases',
    'unit',
    'barcode',
    'category',
    'unit_cost',
    'reorder_point',
    'reorder_qty',
    'tracking',
    'supplier',
  ],
  locations: [
    'code',
    'kind',
    'name',
    'description',
    'aisle',
    'bay',
    'level',
    'x',
    'y',
    'z',
    'width',
    'height',
    'depth',
    'capacity',
    'active',
  ],
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
  type Info = { lines: number; empty_lines: number };
  let records: { record: Record<string, string>; info: Info }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      info: true,
      relax_column_count: false,
    }) as typeof records;
  } catch (error) {
    const code = (error as { code?: string }).code;
    const line =
      code === 'CSV_QUOTE_NOT_CLOSED' ? unclosedQuoteLine(text) : ((error as { lines?: number }).lines ?? 1);
    return {
      rows: [],
      errors: [{ line, message: `The file is not valid CSV: ${(error as Error).message}` }],
    };
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
  // The parser reports where a record ends; a quoted field can span lines, and people look for
  // the line where the row starts.
  let previousEnd = 1;
  let previousEmpty = 0;
  for (const { record, info } of records) {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    const parsed = schema.safeParse(record);
    if (parsed.success) rows.push({ line, row: parsed.data as RowOf<K> });
    else errors.push({ line, message: parsed.error.issues.map((i) => i.message).join('; ') });
  }
  return { rows, errors };
}

/** The line where the quote that never closed was opened (the parser only knows the end of file). */
function unclosedQuoteLine(text: string): number {
  let line = 1;
  let openedAt = 1;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
      if (quoted) openedAt = line;
    } else if (ch === '\n') line += 1;
  }
  return openedAt;
}
