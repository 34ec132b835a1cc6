import { z } from 'zod';

/*
 * A user's login name and the name others see: one set of rules for the admin screen, the first-run
 * setup and the users CSV file.
 */

export const Username = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9._-]+$/i, 'use letters, digits, dot, dash or underscore');

export const DisplayName = z.string().trim().min(1).max(100);
