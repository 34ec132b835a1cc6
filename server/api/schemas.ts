import { z } from 'zod';

/** Shared input pieces, so every procedure validates ids, quantities and keys the same way. */
export const id = z.number().int().positive();
export const qty = z.number().int('must be a whole number').positive('must be above 0').max(1_000_000);
export const lot = z.string().trim().max(64).optional();
export const idempotencyKey = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'use letters, digits, dot, colon, dash or underscore');
export const note = z.string().trim().max(500);
export const limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
