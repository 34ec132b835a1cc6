import { z } from 'zod';

/*
 * Locations the ledger counts stock in. Bins and docks come from the facility layout (the twin keeps
 * them); floor spots come from CSV; cabinets, rooms, vans and other areas are kept by hand on the
 * setup screen and are never touched by a layout publish.
 */
export const TWIN_LOCATION_KINDS = ['bin', 'dock'] as const;
export const MANUAL_LOCATION_KINDS = ['cabinet', 'room', 'van', 'area'] as const;
export const LOCATION_KINDS = ['bin', 'floor', 'dock', ...MANUAL_LOCATION_KINDS] as const;

export type LocationKind = (typeof LOCATION_KINDS)[number];
export type ManualLocationKind = (typeof MANUAL_LOCATION_KINDS)[number];

export const LOCATION_KIND_LABELS: Record<LocationKind, string> = {
  bin: 'Bin',
  floor: 'Floor spot',
  dock: 'Dock',
  cabinet: 'Cabinet',
  room: 'Room',
  van: 'Van',
  area: 'Other area',
};

/** "Van", "Bin"…; "Location" for a kind this code does not know. */
export const kindLabel = (kind: string): string =>
  (LOCATION_KIND_LABELS as Record<string, string | undefined>)[kind] ?? 'Location';

export const isManualKind = (kind: string): kind is ManualLocationKind =>
  (MANUAL_LOCATION_KINDS as readonly string[]).includes(kind);

export const LocationCode = z
  .string({ error: 'Enter a code' })
  .trim()
  .min(1, 'Enter a code')
  .max(32, 'Use at most 32 characters')
  .regex(/^[A-Za-z0-9-]+$/, 'Use only letters, digits and dashes')
  .toUpperCase();

/** A point on one floor of the twin (floor coordinates, metres). */
export const FloorPoint = z.object({
  floorId: z.string().trim().min(1, 'Choose a floor').max(64),
  x: z.number({ error: 'Enter x in metres' }).finite().min(-100_000).max(100_000),
  z: z.number({ error: 'Enter z in metres' }).finite().min(-100_000).max(100_000),
});
export type FloorPoint = z.output<typeof FloorPoint>;

export const ManualLocationInput = z
  .object({
    code: LocationCode,
    name: z.string({ error: 'Enter a name' }).trim().min(2, 'Enter a name of at least 2 characters').max(100),
    kind: z.enum(MANUAL_LOCATION_KINDS, { error: 'Choose cabinet, room, van or other area' }),
    description: z.string().trim().max(500, 'Use at most 500 characters').default(''),
    position: FloorPoint.nullable().default(null),
    capacity: z
      .number({ error: 'Enter the capacity' })
      .int('Use a whole number')
      .min(1, 'The capacity is at least 1')
      .max(100_000_000, 'The capacity is too large'),
  })
  .superRefine((l, ctx) => {
    // A van moves: a fixed point in the building would send people to an empty bay.
    if (l.kind === 'van' && l.position !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['position'],
        message: 'A van moves around; it has no place in the twin',
      });
  });
export type ManualLocationInput = z.output<typeof ManualLocationInput>;
