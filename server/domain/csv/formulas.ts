/**
 * CSV injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and some read a
 * leading tab or carriage return the same way), so `=HYPERLINK(...)` typed into a lot number would
 * run on the planner's machine when an export is opened. Exports prefix such text with `'`, which
 * spreadsheets show as text; imports refuse such cells, except our own escape, which is read back
 * without the `'` so that an export re-imports unchanged.
 *
 * The escape is a bijection on text: a value made of any number of `'` followed by a trigger gets one
 * more `'` on export and loses one on import, so even a stored "'=x" survives the round trip.
 */
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);
const NEEDS_ESCAPE = /^'*[=+\-@\t\r]/;
const OUR_ESCAPE = /^'+[=+\-@\t\r]/;

/** A text cell as it goes out: safe to open in a spreadsheet. */
export function neutralise(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `'${text}` : text;
}

export type CellRead = { ok: true; value: string } | { ok: false; message: string };

/**
 * A text cell as it comes in. Leading spaces are looked through because the value is trimmed before
 * it is stored: " =1+1" would be kept as "=1+1".
 */
export function readTextCell(raw: string): CellRead {
  const first = raw.charAt(0);
  if (first === '\t' || first === '\r') return refused(first);
  const lead = raw.replace(/^[ \n]+/, '');
  const start = lead.charAt(0);
  if (TRIGGERS.has(start)) return refused(start);
  if (OUR_ESCAPE.test(lead)) return { ok: true, value: lead.slice(1) };
  return { ok: true, value: raw };
}

function refused(char: string): CellRead {
  const what = char === '\t' ? 'a tab' : char === '\r' ? 'a carriage return' : `'${char}'`;
  return {
    ok: false,
    message: `starts with ${what}: formulas are not accepted (start the cell with an apostrophe to keep it as text)`,
  };
}
