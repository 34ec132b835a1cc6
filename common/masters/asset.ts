/**
 * What an asset master record is, as one zod schema the API, the asset form and the CSV import all
 * validate with, so a row that the form would refuse is refused by the import with the same words.
 */
import { z } from 'zod';

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** `retired` is a machine out of service that stays on the register; archiving takes it off. */
export const ASSET_STATUSES = ['running', 'down', 'retired'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

export const PLACEMENT_KINDS = ['none', 'twin', 'bin', 'zone'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

const positiveId = z.number().int().positive();
const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);

/** A calendar day, `YYYY-MM-DD`, that exists (no 31 June). */
export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'use the form YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real date');

const metres = z.number().finite().min(0.2, 'must be at least 0.2 m').max(50, 'must be at most 50 m');
const coordinate = z.number().finite().min(-100_000).max(100_000);

/** A spot on a floor of the current twin: the centre of the footprint, its size and heading (radians). */
export const TwinSpotSchema = z.object({
  floorId: z.string().trim().min(1).max(64),
  x: coordinate,
  z: coordinate,
  width: metres,
  depth: metres,
  rotationY: z
    .number()
    .finite()
    .min(-2 * Math.PI)
    .max(2 * Math.PI),
});
export type TwinSpot = z.output<typeof TwinSpotSchema>;

/**
 * Where the asset is: a spot in the twin (stored in the twin document, so guidance, AR and the 3D
 * view see the machine), a bin it is kept in (a ledger location), or a zone of the current twin.
 */
export const PlacementInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  TwinSpotSchema.extend({ kind: z.literal('twin') }),
  z.object({ kind: z.literal('bin'), locationId: positiveId }),
  z.object({ kind: z.literal('zone'), zoneId: z.string().trim().min(1).max(64) }),
]);
export type PlacementInput = z.output<typeof PlacementInputSchema>;

export const AssetInputSchema = z.object({
  tag: z
    .string()
    .trim()
    .min(1, 'enter the register tag')
    .max(40, 'must be at most 40 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'use letters, digits, dot, dash, slash or underscore'),
  name: z.string().trim().min(2, 'enter a name of at least 2 characters').max(200),
  aliases: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
  type: z.string().trim().min(1, 'enter the type, e.g. Centrifugal pump').max(64),
  category: z.string().trim().min(1, 'enter a category, e.g. Pumps').max(64),
  criticality: z.enum(CRITICALITIES).default('medium'),
  make: optionalText(100).default(''),
  model: optionalText(100).default(''),
  serial: optionalText(100).default(''),
  installedOn: isoDate.nullable().default(null),
  /** null: the asset has no meter. */
  meterUnit: z.string().trim().min(1).max(16).nullable().default(null),
  meterValue: z.number().finite().min(0, 'cannot be negative').max(1e9).default(0),
  status: z.enum(ASSET_STATUSES).default('running'),
  placement: PlacementInputSchema.default({ kind: 'none' }),
});
export type AssetInput = z.output<typeof AssetInputSchema>;
