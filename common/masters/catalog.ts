import { z } from 'zod';

/*
 * Item categories, units of measure and item packs: one set of rules for the setup screens, the item
 * form, the API and CSV rows, so all of them accept and refuse the same things.
 */

export const CategoryName = z
  .string({ error: 'Enter a name' })
  .trim()
  .min(1, 'Enter a name')
  .max(64, 'Use at most 64 characters');

/** A unit's short code as it is printed after quantities: ea, m, kg, box. */
export const UnitCode = z
  .string({ error: 'Enter a code' })
  .trim()
  .min(1, 'Enter a code such as ea, m or kg')
  .max(16, 'Use at most 16 characters')
  .regex(/^[^\s,|]+$/, 'Use one word without spaces, commas or |');

export const CategoryInput = z.object({ name: CategoryName });
export type CategoryInput = z.output<typeof CategoryInput>;

export const UnitInput = z.object({
  code: UnitCode,
  name: z
    .string({ error: 'Enter a name' })
    .trim()
    .min(1, 'Enter a name')
    .max(64, 'Use at most 64 characters'),
});
export type UnitInput = z.output<typeof UnitInput>;

/** A pack: how many base units one of it holds (a box of 100). */
export const PackInput = z.object({
  unit: UnitCode,
  size: z
    .number({ error: 'Enter how many units a pack holds' })
    .int('A pack holds a whole number of units')
    .min(1, 'A pack holds at least 1 unit')
    .max(100_000, 'A pack holds at most 100,000 units'),
});
export type PackInput = z.output<typeof PackInput>;

/** An item's own packs: each holds more than one base unit, and none repeats. */
export const ItemPacks = z
  .array(PackInput.extend({ size: PackInput.shape.size.min(2, 'A pack holds at least 2 units') }))
  .max(10, 'At most 10 packs per item')
  .superRefine((packs, ctx) => {
    const seen = new Set<string>();
    packs.forEach((p, i) => {
      const key = `${p.unit.toLowerCase()}|${p.size}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: [i], message: `${p.unit} of ${p.size} is listed twice` });
      seen.add(key);
    });
  });
