import { z } from 'zod';
import { isManualKind, kindLabel, LOCATION_KINDS, LocationCode } from '../../../common/masters/location.ts';
import { PLANNERS } from '../../../common/roles.ts';
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
  optionalNumber,
  optionalText,
  optionalWholeNumber,
  wholeNumber,
} from '../../domain/csv/cells.ts';
import type { CellError } from '../../domain/csv/read-csv.ts';
import { defineCsvKind } from './csv-kind.ts';

const SIZES = ['width', 'height', 'depth'] as const;

export const LocationRow = z
  .object({
    // Codes are printed on labels and read out by voice: one spelling, the setup screen's rules.
    code: z.string({ error: 'code is required' }).pipe(LocationCode),
    kind: choice('kind', LOCATION_KINDS, 'bin'),
    name: optionalText('name', 100).transform((s) => s ?? ''),
    description: optionalText('description', 500).transform((s) => s ?? ''),
    aisle: optionalText('aisle', 16),
    bay: optionalWholeNumber('bay'),
    level: optionalWholeNumber('level'),
    x: optionalNumber('x'),
    y: optionalNumber('y'),
    z: optionalNumber('z'),
    width: optionalNumber('width').pipe(z.number().positive('width must be above 0').nullable()),
    height: optionalNumber('height').pipe(z.number().min(0, 'height cannot be negative').nullable()),
    depth: optionalNumber('depth').pipe(z.number().positive('depth must be above 0').nullable()),
    capacity: wholeNumber('capacity', 1, 1_000_000_000),
    active: flag('active', true),
  })
  .superRefine((r, ctx) => {
    const placed = [r.x, r.y, r.z].filter((v) => v !== null).length;
    if (isManualKind(r.kind)) {
      // Cabinets, rooms and areas may stand somewhere in the twin; a van never does.
      if (r.kind === 'van' && placed > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['x'],
          message: 'a van has no place in the twin: leave x, y and z empty',
        });
      else if (placed !== 0 && placed !== 3)
        ctx.addIssue({
          code: 'custom',
          path: ['x'],
          message: 'x, y and z go together: give all three or none',
        });
      return;
    }
    for (const key of ['x', 'y', 'z', ...SIZES] as const) {
      if (r[key] === null)
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required for a ${r.kind}` });
    }
  })
  // Hand-kept locations are not drawn, so they have no size.
  .transform((r) => ({ ...r, width: r.width ?? 0, height: r.height ?? 0, depth: r.depth ?? 0 }));
type LocationRow = z.output<typeof LocationRow>;

type Context = { locations: Map<string, Location>; inStock: Set<number> };

const toRow = ({ id: _, floorId: __, ...location }: Location): LocationRow => location;

export const locationsCsv = defineCsvKind<LocationRow, Context>({
  kind: 'locations',
  title: 'Locations',
  roles: PLANNERS,
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
      description: 'bin, floor, dock, cabinet, room, van or area (default bin)',
      example: 'bin',
    },
    {
      name: 'name',
      required: false,
      type: 'text',
      description: 'What people call it ("Service van 2"); usually empty for bins',
      example: '',
    },
    { name: 'description', required: false, type: 'text', description: 'Notes on the place', example: '' },
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
      required: false,
      type: 'number',
      description:
        'Centre, metres along the floor plan x axis (as in the twin); bins, floor spots and docks need x, y and z, a van has none',
      example: '12.5',
    },
    {
      name: 'y',
      required: false,
      type: 'number',
      description: 'Centre height, metres',
      example: '0.2',
    },
    {
      name: 'z',
      required: false,
      type: 'number',
      description: 'Centre, metres along the floor plan z axis (as in the twin)',
      example: '-3.5',
    },
    {
      name: 'width',
      required: false,
      type: 'number',
      description: 'Metres, above 0; empty for cabinets, rooms, vans and areas',
      example: '1.2',
    },
    { name: 'height', required: false, type: 'number', description: 'Metres, 0 or more', example: '0.4' },
    { name: 'depth', required: false, type: 'number', description: 'Metres, above 0', example: '0.6' },
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
  moreExamples: [
    {
      code: 'EXAMPLE-VAN-1',
      kind: 'van',
      name: 'Example: service van 1 (delete these example rows)',
      description: '',
      aisle: '',
      bay: '',
      level: '',
      x: '',
      y: '',
      z: '',
      width: '',
      height: '',
      depth: '',
      capacity: '500',
      active: 'true',
    },
  ],
  format: (row) => {
    // Hand-kept locations are not drawn: no size, and a van has no place either.
    const manual = isManualKind(row.kind);
    return {
      ...row,
      aisle: row.aisle ?? '',
      bay: row.bay ?? '',
      level: row.level ?? '',
      x: row.x ?? '',
      y: row.y ?? '',
      z: row.z ?? '',
      width: manual ? '' : row.width,
      height: manual ? '' : row.height,
      depth: manual ? '' : row.depth,
      active: String(row.active),
    };
  },

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
      // The layout owns bins and docks; the setup screen owns cabinets, rooms, vans and areas.
      if (before !== undefined && isManualKind(before.kind) !== isManualKind(row.kind)) {
        errors.push({
          line,
          column: 'kind',
          message: `Location ${row.code} is a ${kindLabel(before.kind).toLowerCase()}; it cannot become a ${kindLabel(row.kind).toLowerCase()}`,
        });
      }
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
