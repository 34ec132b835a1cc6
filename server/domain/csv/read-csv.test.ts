import { describe, expect, test } from 'vitest';
import { readCsv } from './read-csv.ts';

const HEADER = 'sku,location,lot,on_hand';
const lines = (file: ReturnType<typeof readCsv>) => file.records.map((r) => r.line);

describe('readCsv: a malformed record is one error and reading goes on', () => {
  test('a row with an extra cell in the middle of the file: one error, the rows after it still read', () => {
    const file = readCsv([HEADER, 'A,B,,5', 'A,B,,5,9', 'C,D,,1', 'E,F,,2'].join('\n'));
    expect(file.errors).toEqual([
      {
        line: 3,
        column: '',
        message: 'This row has 5 cells but the header has 4; a value holding "," needs quotes around it',
      },
    ]);
    expect(lines(file)).toEqual([2, 4, 5]);
  });

  test('a row with too few cells names the column where it ends', () => {
    const file = readCsv([HEADER, 'A,B', 'C,D,,1'].join('\n'));
    expect(file.errors).toEqual([
      { line: 2, column: 'lot', message: 'This row has 2 cells but the header has 4: it ends before lot' },
    ]);
    expect(lines(file)).toEqual([3]);
  });

  test('an unclosed quote is one error on the line it opens, and the lines after it are still read', () => {
    const file = readCsv([HEADER, 'A,B,,5', 'A,"B,,5', 'C,D,,1', 'E,F,,2', ''].join('\r\n'));
    expect(file.errors).toEqual([
      { line: 3, column: 'location', message: 'A quote opened in this row is never closed' },
    ]);
    expect(file.records).toEqual([
      { line: 2, cells: ['A', 'B', '', '5'] },
      { line: 4, cells: ['C', 'D', '', '1'] },
      { line: 5, cells: ['E', 'F', '', '2'] },
    ]);
  });

  test('a quote in the middle of a value and text after a closing quote are errors on their cell', () => {
    const file = readCsv([HEADER, 'A,B"x,,5', 'C,D,"L"7,1', 'E,F,,2'].join('\n'));
    expect(file.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'location'],
      [3, 'lot'],
    ]);
    expect(file.errors[0]?.message).toMatch(/^A quote in the middle of a value/);
    expect(file.errors[1]?.message).toMatch(/^A closing quote is followed by more text/);
    expect(lines(file)).toEqual([4]);
  });

  test('several malformed rows are each reported once, good rows between them kept', () => {
    const file = readCsv([HEADER, '"A,B,,5', 'C,D,,1', 'E,F,,2,3', 'G,H,,4', 'I,"J', 'K,L,,6'].join('\n'));
    expect(file.errors.map((e) => e.line)).toEqual([2, 4, 6]);
    expect(lines(file)).toEqual([3, 5, 7]);
  });

  test('a quoted cell spanning lines keeps the line numbers after it right, CRLF or not', () => {
    for (const eol of ['\n', '\r\n']) {
      const file = readCsv([HEADER, 'A,B,"lot with', 'a newline",5', 'A,B"x,,1', 'C,D,,2'].join(eol));
      expect(file.records[0]).toEqual({ line: 2, cells: ['A', 'B', 'lot with\na newline', '5'] });
      expect(file.errors.map((e) => e.line)).toEqual([4]);
      expect(lines(file)).toEqual([2, 5]);
    }
  });

  test('a broken header is one error on line 1 and nothing else is read', () => {
    const file = readCsv('"sku,location\nA,B\n');
    expect(file.errors).toHaveLength(1);
    expect(file.errors[0]).toMatchObject({ line: 1, column: '' });
    expect(file.records).toEqual([]);
  });
});

describe('readCsv: what spreadsheets write', () => {
  test('a BOM, CRLF and blank lines (counted) are handled; header names are normalised', () => {
    const file = readCsv('\uFEFF SKU ,Location,LOT,On Hand\r\nA,B,,5\r\n\r\n\r\nC,D,,1\r\n');
    expect(file.header).toEqual({ line: 1, names: ['sku', 'location', 'lot', 'on_hand'] });
    expect(file.records).toEqual([
      { line: 2, cells: ['A', 'B', '', '5'] },
      { line: 5, cells: ['C', 'D', '', '1'] },
    ]);
    expect(file.errors).toEqual([]);
  });

  test('a ;-separated file from European Excel is told from its header; ;;; rows are blank', () => {
    const file = readCsv('sku;location;lot;on_hand\n"A;1";B;;5\n;;;\nC;D;L,7;1,5\n');
    expect(file.delimiter).toBe(';');
    expect(file.records).toEqual([
      { line: 2, cells: ['A;1', 'B', '', '5'] },
      { line: 4, cells: ['C', 'D', 'L,7', '1,5'] },
    ]);
    expect(file.errors).toEqual([]);
  });

  test('a comma file whose header has a quoted semicolon stays a comma file', () => {
    expect(readCsv('sku,"a;b;c",lot\nA,B,C\n').delimiter).toBe(',');
  });

  test('an empty file has no header and no records', () => {
    expect(readCsv('')).toMatchObject({ header: { names: [] }, records: [], errors: [] });
  });
});
