import { z } from 'zod';
import { isoDate } from '../../../common/masters/asset.ts';

/**
 * Zod pieces for CSV cells, shared by every kind's row schema. A cell is a string, or undefined when
 * the file has no such column; messages name the column, since a person reads them beside it.
 */

/** Required text: trimmed, with a length limit. */
export const text = (column: string, max: number, min = 1) =>
  z
    .string({ error: `${column} is required` })
    .trim()
    .min(min, min === 1 ? `${column} is required` : `${column} needs at least ${min} characters`)
    .max(max, `${column} is at most ${max} characters`);

/** Optional text: an absent column and an empty cell both mean no value. */
export const optionalText = (column: string, max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s === undefined || s.trim() === '' ? null : s.trim()))
    .pipe(z.string().max(max, `${column} is at most ${max} characters`).nullable());

// A blank cell is "missing", not 0: coercing '' would quietly import zeros.
export const number = (column: string) =>
  z
    .string({ error: `${column} is required` })
    .trim()
    .min(1, `${column} is required`)
    .transform(Number)
    .pipe(z.number({ error: `${column} must be a number` }).finite(`${column} must be a number`));

export const wholeNumber = (column: string, min: number, max: number) =>
  number(column).pipe(
    z
      .number()
      .int(`${column} must be a whole number`)
      .min(min, min === 0 ? `${column} cannot be negative` : `${column} must be at least ${min}`)
      .max(max, `${column} is at most ${max.toLocaleString('en')}`),
  );

/** An optional number that `fits` (else "must be `what`"): empty (or no column) is null. */
const optionalNumberThat = (column: string, fits: (n: number) => boolean, what: string) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      const trimmed = (s ?? '').trim();
      if (trimmed === '') return null;
      const n = Number(trimmed);
      if (!fits(n)) ctx.addIssue({ code: 'custom', message: `${column} must be ${what}` });
      return n;
    });

/** An optional whole number: empty is null. */
export const optionalWholeNumber = (column: string) =>
  optionalNumberThat(column, Number.isInteger, 'a whole number');

/** true/false, yes/no or 1/0; empty (or no column) is `fallback`. */
export const flag = (column: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim().toLowerCase())
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: `${column} must be true or false` }))
    .transform((v) => (v === '' ? fallback : v === 'true' || v === '1' || v === 'yes'));

/** One of a few words, in any case; a file without the column gets `fallback`, an empty cell is refused. */
export const choice = <const T extends readonly [string, ...string[]]>(
  column: string,
  values: T,
  fallback: T[number],
) =>
  z
    .string()
    .optional()
    // An empty cell in a template column is "not given", like a missing column: the default.
    .transform((s) => (s === undefined || s.trim() === '' ? fallback : s.trim().toLowerCase()))
    .pipe(
      z.enum(values, { error: `${column} must be ${values.slice(0, -1).join(', ')} or ${values.at(-1)}` }),
    );

/** An optional number: empty (or no column) is null. */
export const optionalNumber = (column: string) => optionalNumberThat(column, Number.isFinite, 'a number');

/**
 * A cell a shared master schema validates next: only "the file has no such column" is this cell's
 * own concern, so the master's rules and messages apply to the value.
 */
export const required = (column: string) => z.string({ error: `${column} is required` });

/** A list in one cell, separated by `|` ("M8 bolt|hex bolt"); empty parts are dropped. */
export const list = () =>
  z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split('|')
        .map((a) => a.trim())
        .filter(Boolean),
    );

/**
 * An amount of money as people write it (12.50) in minor units of a currency with `digits` decimals,
 * via a decimal string so that 1.005 is 101 cents rather than float arithmetic's 100.
 */
export const money = (column: string, digits: number) =>
  number(column).transform((v) => Math.round(Number(`${v}e${digits}`)));

/** A calendar day, YYYY-MM-DD (the masters' rule); empty (or no column) is null. */
export const optionalDay = () =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim() || null)
    .pipe(isoDate.nullable());
