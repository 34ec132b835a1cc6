import { CsvError, parse } from 'csv-parse/sync';

/** A problem in a file, where a person would look for it: the header is line 1. */
export type CellError = { line: number; column: string; message: string };

/** One record of the file: its cells, and the line it starts on (a quoted cell may span lines). */
export type CsvRecord = { line: number; cells: string[] };

export type CsvFile = {
  delimiter: ',' | ';';
  /** The first record, its names trimmed and lower-cased ("On Hand" -> "on_hand"); empty when the file has none. */
  header: { line: number; names: string[] };
  records: CsvRecord[];
  /** Records that could not be read: each one error, and reading went on with the next line. */
  errors: CellError[];
};

/** Past this many unreadable records the file is not CSV at all; re-reading after each would only cost time. */
const MAX_MALFORMED = 1000;

/**
 * Splits a CSV file into records with csv-parse, recovering from malformed records: a record with
 * a quote in the wrong place or a quote that never closes becomes one error on the line where it
 * starts, and reading resumes on the line after it, so one bad row cannot hide the rows behind it.
 * A record whose cell count differs from the header's is also one error (with the column where it
 * ran short, if it did). Handles a BOM, CRLF, blank lines and `;`-separated files (European Excel),
 * told apart from the header.
 */
export function readCsv(input: string): CsvFile {
  // One line ending everywhere: csv-parse counts a CRLF inside a quoted cell as two lines.
  const text = input.replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(text);
  const bytes = Buffer.from(text, 'utf8');
  const lineStarts = lineStartsOf(bytes);
  const lineCount = lineStarts.length;
  const blank = (line: number) => {
    const start = lineStarts[line - 1] ?? bytes.length;
    const end = lineStarts[line] ?? bytes.length;
    return end - start <= 1 || isBom(bytes, start, end);
  };

  // A holder rather than a variable: the compiler does not see `take` assign it.
  const found: { header: CsvFile['header'] | null } = { header: null };
  const records: CsvRecord[] = [];
  const errors: CellError[] = [];
  // The line the next record starts on. Lines are counted here rather than taken from the parser's
  // per-record info, which costs as much again as the parsing.
  let next = 1;
  const take = (parsed: string[][]) => {
    for (const cells of parsed) {
      const line = next;
      next += 1;
      for (const cell of cells)
        for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) next += 1;
      // Blank lines, and rows of empty cells (";;;" left by a spreadsheet), are skipped.
      if (cells.every((c) => c.trim() === '')) continue;
      if (found.header === null) found.header = { line, names: cells.map(columnName) };
      else records.push({ line, cells });
    }
  };
  let from = 1;
  while (from <= lineCount) {
    const segment = bytes.subarray(lineStarts[from - 1]);
    const options = { delimiter, bom: from === 1, relax_column_count: true };
    try {
      take(parse(segment, options));
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      // Keep the records before the malformed one: read the segment again, stopping short of it.
      const good = typeof error.records === 'number' ? error.records : 0;
      if (good > 0) take(parse(segment, { ...options, to: good }));
      let line = next;
      while (line < lineCount && blank(line)) line += 1;
      if (found.header === null) {
        errors.push({ line, column: '', message: `The header is not valid CSV: ${malformed(error)}` });
        return { delimiter, header: { line, names: [] }, records: [], errors };
      }
      const index = typeof error.column === 'number' ? error.column : -1;
      errors.push({ line, column: found.header.names[index] ?? '', message: malformed(error) });
      if (errors.length >= MAX_MALFORMED) {
        errors.push({
          line,
          column: '',
          message: `Stopped reading after ${MAX_MALFORMED} malformed rows; is this a CSV file?`,
        });
        break;
      }
      from = line + 1;
      next = from;
    }
  }

  const header = found.header ?? { line: 1, names: [] };
  const width = header.names.length;
  const wellFormed: CsvRecord[] = [];
  for (const r of records) {
    if (r.cells.length === width) {
      wellFormed.push(r);
    } else if (r.cells.length < width) {
      const missing = header.names[r.cells.length] ?? '';
      errors.push({
        line: r.line,
        column: missing,
        message: `This row has ${r.cells.length} cells but the header has ${width}: it ends before ${missing}`,
      });
    } else {
      errors.push({
        line: r.line,
        column: '',
        message: `This row has ${r.cells.length} cells but the header has ${width}; a value holding "${delimiter}" needs quotes around it`,
      });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { delimiter, header, records: wellFormed, errors };
}

/** How a header cell names a column: case, surrounding spaces and inner spaces do not matter. */
export function columnName(cell: string): string {
  return cell.trim().toLowerCase().replace(/\s+/g, '_');
}

function malformed(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'A quote opened in this row is never closed';
    case 'INVALID_OPENING_QUOTE':
      return 'A quote in the middle of a value; put the whole value in quotes and double the quote inside ("")';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'A closing quote is followed by more text; double a quote inside a quoted value ("")';
    default:
      return `This row is not valid CSV (${error.code})`;
  }
}

/** `;` when the header holds more semicolons than commas outside quotes, as European Excel writes. */
function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n') {
      if (commas + semicolons > 0) break;
    } else if (ch === ',') commas += 1;
    else if (ch === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

function lineStartsOf(bytes: Buffer): number[] {
  const starts = [0];
  let at = bytes.indexOf(10);
  while (at !== -1) {
    if (at + 1 < bytes.length) starts.push(at + 1);
    at = bytes.indexOf(10, at + 1);
  }
  return starts;
}

function isBom(bytes: Buffer, start: number, end: number): boolean {
  return start === 0 && end - start <= 4 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
