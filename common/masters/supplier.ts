import { z } from 'zod';
import { isCurrency } from '../money.ts';
import { PackInput } from './catalog.ts';

/*
 * Suppliers and their prices: the one schema the setup screens, the API and CSV imports validate
 * with, so a row refused in a form is refused in a file for the same reason.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()./ -]*$/;

export const ContactInput = z
  .object({
    name: z
      .string({ error: 'Enter a name' })
      .trim()
      .min(1, 'Enter a name')
      .max(100, 'Use at most 100 characters'),
    role: z.string().trim().max(60, 'Use at most 60 characters').default(''),
    email: z
      .string()
      .trim()
      .max(200, 'Use at most 200 characters')
      .refine((s) => s === '' || EMAIL.test(s), 'Enter an e-mail address like orders@example.com')
      .default(''),
    phone: z
      .string()
      .trim()
      .max(40, 'Use at most 40 characters')
      .regex(PHONE, 'Use digits, spaces and + ( ) . / -')
      .default(''),
  })
  .superRefine((c, ctx) => {
    if (c.email === '' && c.phone === '')
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'Give an e-mail address or a phone number' });
  });
export type ContactInput = z.output<typeof ContactInput>;

export const Currency = z
  .string({ error: 'Enter a currency code' })
  .trim()
  .toUpperCase()
  .refine(isCurrency, 'Use an ISO 4217 currency code such as EUR, USD or GBP');

export const LeadTimeDays = z
  .number({ error: 'Enter the lead time in days' })
  .int('Use whole days')
  .min(0, 'The lead time cannot be negative')
  .max(365, 'Use at most 365 days');

export const SupplierInput = z.object({
  name: z
    .string({ error: 'Enter a name' })
    .trim()
    .min(2, 'Enter a name of at least 2 characters')
    .max(120, 'Use at most 120 characters'),
  contacts: z.array(ContactInput).max(20, 'At most 20 contacts').default([]),
  leadTimeDays: LeadTimeDays,
  currency: Currency,
  notes: z.string().trim().max(2000, 'Use at most 2,000 characters').default(''),
});
export type SupplierInput = z.output<typeof SupplierInput>;

/** What one supplier charges for one item: per pack, in the supplier's currency. */
export const SupplierPriceInput = z.object({
  supplierId: z.number().int().positive(),
  itemId: z.number().int().positive(),
  partNumber: z
    .string({ error: "Enter the supplier's part number" })
    .trim()
    .min(1, "Enter the supplier's part number")
    .max(64, 'Use at most 64 characters'),
  priceMinor: z
    .number({ error: 'Enter the price' })
    .int('Give the price in whole minor units (cents)')
    .min(0, 'The price cannot be negative')
    .max(1_000_000_000, 'The price is too large'),
  pack: PackInput,
  minOrderPacks: z
    .number()
    .int('Order whole packs')
    .min(1, 'Order at least 1 pack')
    .max(100_000, 'At most 100,000 packs')
    .default(1),
  leadTimeDays: LeadTimeDays.nullable().default(null),
});
export type SupplierPriceInput = z.output<typeof SupplierPriceInput>;
