import { describe, expect, test } from 'vitest';
import { neutralise, readTextCell } from './formulas.ts';
import { writeCsv } from './write-csv.ts';

describe('exports neutralise what a spreadsheet would run', () => {
  test.each([
    ['=HYPERLINK("http://evil.example","lot")', `'=HYPERLINK("http://evil.example","lot")`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    // Our own escape, already in the data, gets one more so that it reads back as itself.
    ["'=x", "''=x"],
    ['M8 bolt', 'M8 bolt'],
    ["O'Brien", "O'Brien"],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j goes out as %j', (value, out) => {
    expect(neutralise(value)).toBe(out);
  });

  test('a CSV export prefixes text cells but leaves numbers in number columns alone', () => {
    const csv = writeCsv(
      [
        { name: 'lot', required: false, type: 'text', description: '', example: '' },
        { name: 'x', required: true, type: 'number', description: '', example: '' },
      ],
      [
        { lot: '=HYPERLINK("http://evil.example")', x: -3.5 },
        { lot: '-20 C', x: '-1.25' },
      ],
    );
    expect(csv).toBe(`lot,x\n"'=HYPERLINK(""http://evil.example"")",-3.5\n'-20 C,-1.25\n`);
  });
});

describe('imports refuse formulas, and read back our own escape', () => {
  test.each([
    ['=1+1', "'='"],
    ['+1', "'+'"],
    ['-x', "'-'"],
    ['@SUM(A1)', "'@'"],
    ['  =1+1', "'='"],
    ['\tx', 'a tab'],
    ['\rx', 'a carriage return'],
  ])('%j is refused', (cell, what) => {
    expect(readTextCell(cell)).toEqual({
      ok: false,
      message: `starts with ${what}: formulas are not accepted (start the cell with an apostrophe to keep it as text)`,
    });
  });

  test.each(['=HYPERLINK("x")', '-20 C', "'=x", '@home', '\tx', 'plain', "O'Brien", ''])(
    '%j survives export and import unchanged',
    (value) => {
      expect(readTextCell(neutralise(value))).toEqual({ ok: true, value });
    },
  );
});
