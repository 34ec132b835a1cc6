/** Parsing form text into numbers, with messages that say what is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const MAX_QTY = 1_000_000;

function wholeNumber(text: string, label: string): Parsed<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: `Enter ${label}` };
  if (!/^[-+]?\d+$/.test(trimmed)) return { ok: false, error: `${capital(label)} must be a whole number` };
  const value = Number(trimmed);
  if (Math.abs(value) > MAX_QTY)
    return { ok: false, error: `${capital(label)} must be at most ${MAX_QTY.toLocaleString()}` };
  return { ok: true, value };
}

/** A whole number above 0 (a quantity to receive, pick or move). */
export function parseQty(text: string, label = 'a quantity'): Parsed<number> {
  const n = wholeNumber(text, label);
  if (!n.ok) return n;
  if (n.value <= 0) return { ok: false, error: `${capital(label)} must be above 0` };
  return n;
}

/** A whole number of 0 or more (a counted quantity). */
export function parseCount(text: string, label = 'the counted quantity'): Parsed<number> {
  const n = wholeNumber(text, label);
  if (!n.ok) return n;
  if (n.value < 0) return { ok: false, error: `${capital(label)} cannot be negative` };
  return n;
}

/** A non-zero whole number, positive or negative (an adjustment). */
export function parseDelta(text: string, label = 'the change'): Parsed<number> {
  const n = wholeNumber(text.replace('−', '-'), label);
  if (!n.ok) return n;
  if (n.value === 0) return { ok: false, error: `${capital(label)} must not be 0` };
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

const capital = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/**
 * A shared schema's issues (common/masters) as a form's field errors, keyed by the input path
 * ("name", "contacts.0.email"); the first message per field wins.
 */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    errors[key] ??= issue.message;
  }
  return errors;
}

/** A whole number from a text field, or NaN (the schema then says what is wrong). */
export const wholeOrNaN = (text: string): number => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** A decimal from a text field ("2,5" too), or NaN. */
export const decimalOrNaN = (text: string): number => {
  const t = text.trim().replace(',', '.');
  return t === '' ? Number.NaN : Number(t);
};
