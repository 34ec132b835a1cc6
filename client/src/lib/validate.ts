import { capitalise, type FieldErrors } from './errors.ts';

/** Parsing form text into numbers, with messages that say what is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX_QTY = 1_000_000;

function wholeNumber(text: string, label: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: `Enter ${label}` };
  if (!/^[-+]?\d+$/.test(trimmed)) return { ok: false, error: `${capitalise(label)} must be a whole number` };
  const value = Number(trimmed);
  if (Math.abs(value) > MAX_QTY)
    return { ok: false, error: `${capitalise(label)} must be at most ${MAX_QTY.toLocaleString()}` };
  return { ok: true, value };
}

/** A whole number above 0 (a quantity to receive, pick or move). */
export function parseQty(text: string, label = 'a quantity'): Parsed<number> {
  const n = wholeNumber(text, label);
  if (!n.ok) return n;
  if (n.value <= 0) return { ok: false, error: `${capitalise(label)} must be above 0` };
  return n;
}

/** A whole number of 0 or more (a counted quantity). */
export function parseCount(text: string, label = 'the counted quantity'): Parsed<number> {
  const n = wholeNumber(text, label);
  if (!n.ok) return n;
  if (n.value < 0) return { ok: false, error: `${capitalise(label)} cannot be negative` };
  return n;
}

/** A non-zero whole number, positive or negative (an adjustment). */
export function parseDelta(text: string, label = 'the change'): Parsed<number> {
  const n = wholeNumber(text.replace('−', '-'), label);
  if (!n.ok) return n;
  if (n.value === 0) return { ok: false, error: `${capitalise(label)} must not be 0` };
  return n;
}

/** A meter reading: any number of 0 or more. */
export function parseReading(text: string): Parsed<number> {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { ok: false, error: 'Enter the reading' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, error: 'The reading must be a number' };
  if (value < 0) return { ok: false, error: 'The reading cannot be negative' };
  return { ok: true, value };
}

/** An optional number typed into a form: '' is none; anything else must be a number. */
export function parseOptionalNumber(text: string, label: string): Parsed<number | null> {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return { ok: true, value: null };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, error: `${capitalise(label)} must be a number` };
  return { ok: true, value };
}

/**
 * A shared zod schema's verdict on what a form is about to send, as the form's field errors: the
 * same words the server would answer with. `fieldFor` maps an input path ("kit.0.qty") to a field.
 */
export function schemaErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  fieldFor: (path: string) => string | undefined,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldFor(issue.path.map(String).join('.'));
    if (field !== undefined && errors[field] === undefined) errors[field] = capitalise(issue.message);
  }
  return errors;
}

/** A shared schema's issues as field errors keyed by the input path itself ("contacts.0.email"). */
export const fieldErrorsOf = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  schemaErrors(issues, (path) => path);

/** A whole number from a text field, or NaN (the schema then says what is wrong). */
export const wholeOrNaN = (text: string): number => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** A decimal from a text field ("2,5" too), or NaN. */
export const decimalOrNaN = (text: string): number => {
  const t = text.trim().replace(',', '.');
  return t === '' ? Number.NaN : Number(t);
};
