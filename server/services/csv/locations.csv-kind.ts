import { z } from 'zod';
import { allLocations, type Location } from '../../db/catalog.repository.ts';
import {
  insertLocations,
  locationsByCode,
  locationsInStock,
  updateLocations,
} from '../../db/catalog-bulk.repository.ts';
import {
  choice,
  flag,
  number,
  optionalText,
  optionalWholeNumber,
  wholeNumber,
} from '../../domain/csv/cells.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { defineCsvKind } from './csv-kind.ts';

export const LocationRow = z.object({
  code: z
    .string({ error: 'code is required' })
    .trim()
    .min(1, 'code is required')
    .max(32, 'code is at most 32 characters')
    .regex(/^[A-Za-z0-9-]+$/, 'code may only hold letters, digits and dashes')
    // Codes are printed on labels and read out by voice: one spelling.
    .transform((s) => s.toUpperCase()),
  kind: choice('kind', ['bin', 'floor', 'dock'], 'bin'),
  aisle: optionalText('aisle', 16),
  bay: optionalWholeNumber('bay'),
  level: optionalWholeNumber('level'),
  x: number('x'),
  y: number('y'),
  z: number('z'),
  width: number('width').pipe(z.number().positive('width must be above 0')),
  height: number('height').pipe(z.number().min(0, 'height cannot be negative')),
  depth: number('depth').pipe(z.number().positive('depth must be above 0')),
  capacity: wholeNumber('capacity', 1, 1_000_000_000),
  active: flag('active', true),
});
type LocationRow = z.output<typeof LocationRow>;

type Context = { locations: Map<string, Location>; inStock: Set<number> };

const toRow = ({ id: _, ...location }: Location): LocationRow => location;

export const locationsCsv = defineCsvKind<LocationRow, Context>({
  kind: 'locations',
  title: 'Locations',
  columns: [
    {
      name: 'code',
      required: true,
      type: 'text',
      description: 'Bin or spot code, letters, digits and dashes; the key',
      example: 'X-01-1',
    },
    {
      name: 'kind',
      required: false,
      type: 'text',
      description: 'bin, floor or dock (default bin)',
      example: 'bin',
    },
    { name: 'aisle', required: false, type: 'text', description: 'Aisle letter', example: 'X' },
    { name: 'bay', required: false, type: 'number', description: 'Bay number in the aisle', example: '1' },
    {
      name: 'level',
      required: false,
      type: 'number',
      description: 'Shelf level, 1 at the bottom',
      example: '1',
    },
    {
      name: 'x',
      required: true,
      type: 'number',
      description: 'Centre, metres along the floor plan x axis (as in the twin)',
      example: '12.5',
    },
    {
      name: 'y',
      required: true,
      type: 'number',
      description: 'Centre height, metres',
      example: '0.2',
    },
    {
      name: 'z',
      required: true,
      type: 'number',
      description: 'Centre, metres along the floor plan z axis (as in the twin)',
      example: '-3.5',
    },
    { name: 'width', required: true, type: 'number', description: 'Metres, above 0', example: '1.2' },
    { name: 'height', required: true, type: 'number', description: 'Metres, 0 or more', example: '0.4' },
    { name: 'depth', required: true, type: 'number', description: 'Metres, above 0', example: '0.6' },
    {
      name: 'capacity',
      required: true,
      type: 'number',
      description: 'Units it can hold, above 0',
      example: '40',
    },
    {
      name: 'active',
      required: false,
      type: 'text',
      description: 'true or false; an inactive location takes no stock (default true)',
      example: 'true',
    },
  ],
  schema: LocationRow,
  keyColumn: 'code',
  key: (row) => row.code,
  label: (row) => `Location ${row.code}`,
  format: (row) => ({
    ...row,
    aisle: row.aisle ?? '',
    bay: row.bay ?? '',
    level: row.level ?? '',
    active: String(row.active),
  }),

  async load(ex, rows) {
    const locations = await locationsByCode(
      ex,
      rows.map((r) => r.code),
    );
    // Only an active location can be made inactive, which stock forbids.
    const active = locations.filter((l) => l.active).map((l) => l.id);
    return {
      locations: new Map(locations.map((l) => [l.code.toUpperCase(), l])),
      inStock: await locationsInStock(ex, active),
    };
  },

  existing(context, row) {
    const location = context.locations.get(row.code);
    return location === undefined ? undefined : toRow(location);
  },

  check(context, rows) {
    const errors: CellError[] = [];
    for (const { line, row, before } of rows) {
      const stored = context.locations.get(row.code);
      if (before?.active && !row.active && stored !== undefined && context.inStock.has(stored.id)) {
        errors.push({
          line,
          column: 'active',
          message: `Location ${row.code} still holds stock and cannot be made inactive`,
        });
      }
    }
    return errors;
  },

  async apply(tx, context, changes) {
    await insertLocations(
      tx,
      changes.creates.map((c) => c.row),
    );
    await updateLocations(
      tx,
      changes.updates.flatMap(({ row }) => {
        const stored = context.locations.get(row.code);
        return stored === undefined ? [] : [{ ...row, id: stored.id }];
      }),
    );
  },

  exportRows: async (ex) => (await allLocations(ex)).map(toRow),
});
