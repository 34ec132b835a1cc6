import { z } from 'zod';
import { CategoryName, ItemPacks, UnitCode } from './catalog.ts';

/*
 * What an item is, as one zod schema the API and CSV rows validate with, so a file row the item form
 * would refuse is refused with the same words.
 */

export const TRACKING_MODES = ['none', 'lot', 'serial'] as const;

/** The most an item may cost, in cents (1,000,000 of the site's currency). */
export const MAX_UNIT_COST_CENTS = 100_000_000;

const count = (what: string) =>
  z
    .number({ error: `Enter the ${what}` })
    .int('Use a whole number')
    .min(0, 'Use 0 or more')
    .max(1_000_000, 'Use at most 1,000,000');

export const ItemInput = z.object({
  sku: z
    .string({ error: 'Enter the SKU' })
    .trim()
    .min(1, 'Enter the SKU')
    .max(64, 'Use at most 64 characters'),
  name: z
    .string({ error: 'Enter a name' })
    .trim()
    .min(2, 'Enter a name of at least 2 characters')
    .max(200, 'Use at most 200 characters'),
  aliases: z
    .array(
      z.string().trim().min(1, 'An alias needs some text').max(100, 'Keep each alias under 100 characters'),
    )
    .max(20, 'At most 20 aliases')
    .default([]),
  unit: UnitCode,
  barcode: z
    .string()
    .trim()
    .min(4, 'A barcode has at least 4 characters')
    .max(64, 'Use at most 64 characters')
    .nullable()
    .default(null),
  category: CategoryName,
  unitCostCents: z
    .number({ error: 'Enter the cost' })
    .int('Give the cost in whole cents')
    .min(0, 'The cost cannot be negative')
    .max(MAX_UNIT_COST_CENTS, 'The cost is at most 1,000,000'),
  reorderPoint: count('reorder point'),
  reorderQty: count('reorder quantity'),
  tracking: z.enum(TRACKING_MODES, { error: 'Choose none, lot or serial' }),
  supplierId: z.number().int().positive().nullable().default(null),
  /** Replaces the item's packs when given; left out, they stay as they are. */
  packs: ItemPacks.optional(),
});
export type ItemInput = z.output<typeof ItemInput>;
