import { describe, expect, test } from 'vitest';
import { COLUMNS, parseCsv } from './csv-rows.ts';

const ITEMS_HEADER = COLUMNS.items.join(',');
// Files exported before locations had names and descriptions: those columns are optional.
const LOCATIONS_HEADER = COLUMNS.locations.filter((c) => c !== 'name' && c !== 'description').join(',');
const STOCK_HEADER = 'sku,location,lot,on_hand';

describe('parseCsv: valid files', () => {
  test('items parse into typed rows', () => {
    const text = [
      ITEMS_HEADER,
      'BRG-6204,Ball bearing 6204,radial bearing | kugellager,pcs,4006381333931,Bearings,4.35,10,25,lot,SKF',
      'BLT-M8,Hex bolt M8,,pcs,,Fasteners,0.1,100,500,none,',
    ].join('\n');
    expect(parseCsv('items', text)).toEqual({
      errors: [],
      rows: [
        {
          line: 2,
          row: {
            sku: 'BRG-6204',
            name: 'Ball bearing 6204',
            aliases: ['radial bearing', 'kugellager'],
            unit: 'pcs',
            barcode: '4006381333931',
            category: 'Bearings',
            unit_cost: 435,
            reorder_point: 10,
            reorder_qty: 25,
            tracking: 'lot',
            supplier: 'SKF',
          },
        },
        {
          line: 3,
          row: {
            sku: 'BLT-M8',
            name: 'Hex bolt M8',
            aliases: [],
            unit: 'pcs',
            barcode: null,
            category: 'Fasteners',
            unit_cost: 10,
            reorder_point: 100,
            reorder_qty: 500,
            tracking: 'none',
            supplier: null,
          },
        },
      ],
    });
  });

  test('an empty tracking cell is refused, a missing tracking column defaults to none', () => {
    const withEmpty = parseCsv('items', `${ITEMS_HEADER}\nS1,Bolt,pcs,pcs,,Fasteners,1,1,1,,\n`);
    expect(withEmpty.errors).toEqual([{ line: 2, message: 'tracking must be none, lot or serial' }]);
    const withoutColumn = parseCsv(
      'items',
      'sku,name,unit,category,unit_cost,reorder_point,reorder_qty\nS1,Bolt,pcs,Fasteners,1,1,1\n',
    );
    expect(withoutColumn.errors).toEqual([]);
    expect(withoutColumn.rows[0]?.row.tracking).toBe('none');
    expect(withoutColumn.rows[0]?.row.aliases).toEqual([]);
  });

  test('a missing barcode or supplier column gives null, like an empty cell', () => {
    const parsed = parseCsv(
      'items',
      'sku,name,unit,category,unit_cost,reorder_point,reorder_qty\nS1,Bolt,pcs,Fasteners,1,1,1\n',
    );
    expect(parsed.rows[0]?.row.barcode).toBeNull();
    expect(parsed.rows[0]?.row.supplier).toBeNull();
  });

  test('a missing aisle column gives null, like an empty cell', () => {
    const parsed = parseCsv('locations', 'code,x,y,z,width,height,depth,capacity\nA-1,0,0,0,1,1,1,1\n');
    expect(parsed.rows[0]?.row.aisle).toBeNull();
  });

  test('locations parse, with empty optional cells as null and active flags read', () => {
    const text = [
      LOCATIONS_HEADER,
      'A-01-1,bin,A,1,1,0.5,0,1.25,1.2,0.4,0.6,40,true',
      'DOCK-1,dock,,,,10,0,-3,4,0,6,1000,no',
      'F-2,floor,,,,0,0,0,2,2,2,5,',
    ].join('\n');
    const parsed = parseCsv('locations', text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        row: {
          code: 'A-01-1',
          kind: 'bin',
          name: '',
          description: '',
          aisle: 'A',
          bay: 1,
          level: 1,
          x: 0.5,
          y: 0,
          z: 1.25,
          width: 1.2,
          height: 0.4,
          depth: 0.6,
          capacity: 40,
          active: true,
        },
      },
      {
        line: 3,
        row: {
          code: 'DOCK-1',
          kind: 'dock',
          name: '',
          description: '',
          aisle: null,
          bay: null,
          level: null,
          x: 10,
          y: 0,
          z: -3,
          width: 4,
          height: 0,
          depth: 6,
          capacity: 1000,
          active: false,
        },
      },
      {
        line: 4,
        row: {
          code: 'F-2',
          kind: 'floor',
          name: '',
          description: '',
          aisle: null,
          bay: null,
          level: null,
          x: 0,
          y: 0,
          z: 0,
          width: 2,
          height: 2,
          depth: 2,
          capacity: 5,
          active: true,
        },
      },
    ]);
  });

  test('stock parses; headers are matched case-insensitively and trimmed, with a BOM and CRLF', () => {
    const text = '\uFEFF SKU ,Location,LOT,On_Hand\r\nBRG-6204,A-01-1,L-7,12\r\nBLT-M8,A-01-2,,0\r\n';
    expect(parseCsv('stock', text)).toEqual({
      errors: [],
      rows: [
        { line: 2, row: { sku: 'BRG-6204', location: 'A-01-1', lot: 'L-7', on_hand: 12 } },
        { line: 3, row: { sku: 'BLT-M8', location: 'A-01-2', lot: '', on_hand: 0 } },
      ],
    });
  });

  test('a quoted field may hold commas, quotes and newlines', () => {
    const text = `sku,name,unit,category,unit_cost,reorder_point,reorder_qty\nS1,"Bolt, hex ""M8""",pcs,Fasteners,1,1,1\n`;
    expect(parseCsv('items', text).rows[0]?.row.name).toBe('Bolt, hex "M8"');
  });
});

describe('parseCsv: bad rows are reported by file line', () => {
  test('each bad row is reported with its line, the good ones still parse', () => {
    const text = [STOCK_HEADER, 'A,B,,5', 'A,B,,-1', 'A,,,3', 'A,B,,x', 'A,B,,2.5', 'C,D,,7'].join('\n');
    const parsed = parseCsv('stock', text);
    expect(parsed.errors).toEqual([
      { line: 3, message: 'on_hand cannot be negative' },
      { line: 4, message: 'location is required' },
      { line: 5, message: 'on_hand must be a number' },
      { line: 6, message: 'on_hand must be a whole number' },
    ]);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 7]);
  });

  test('blank lines are skipped but still counted', () => {
    const text = `${STOCK_HEADER}\nA,B,,5\n\n\nA,B,,-1\n`;
    expect(parseCsv('stock', text).errors).toEqual([{ line: 5, message: 'on_hand cannot be negative' }]);
  });

  test('quoted fields with commas and newlines do not throw off the lines after them', () => {
    const text = [STOCK_HEADER, '"A,1","B",,5', 'A,B,"lot with', 'a newline",5', 'A,B,,-1'].join('\n');
    const parsed = parseCsv('stock', text);
    expect(parsed.errors).toEqual([{ line: 5, message: 'on_hand cannot be negative' }]);
    expect(parsed.rows[0]).toEqual({ line: 2, row: { sku: 'A,1', location: 'B', lot: '', on_hand: 5 } });
    expect(parsed.rows[1]?.row.lot).toBe('lot with\na newline');
  });

  test('a bad row spanning several lines is reported at the line where it starts', () => {
    const text = [STOCK_HEADER, 'A,B,,5', 'A,B,"lot with', 'a newline",-1'].join('\n');
    expect(parseCsv('stock', text).errors).toEqual([{ line: 3, message: 'on_hand cannot be negative' }]);
  });

  test('several problems in one row are all named', () => {
    const text = `${ITEMS_HEADER}\n,B,,pcs,,Fasteners,-1,1.5,2,bogus,\n`;
    expect(parseCsv('items', text).errors).toEqual([
      {
        line: 2,
        message:
          'sku is required; name is required; unit_cost cannot be negative; reorder_point must be a whole number; tracking must be none, lot or serial',
      },
    ]);
  });

  test('location rules are reported by line', () => {
    const text = [
      LOCATIONS_HEADER,
      'A 01,bin,,,,0,0,0,1,1,1,1,true',
      'A-02,shelf,,2.5,,0,0,0,1,1,1,1,true',
      'A-03,bin,,,,0,0,0,0,-1,1,0,maybe',
    ].join('\n');
    expect(parseCsv('locations', text).errors).toEqual([
      { line: 2, message: 'code may only hold letters, digits and dashes' },
      {
        line: 3,
        message: 'kind must be bin, floor, dock, cabinet, room, van or area; bay must be a whole number',
      },
      {
        line: 4,
        message:
          'width must be above 0; height cannot be negative; capacity must be above 0; active must be true or false',
      },
    ]);
  });

  test('cabinets, rooms, vans and other areas may have no place; a van never has one', () => {
    const text = [
      'code,kind,name,aisle,bay,level,x,y,z,width,height,depth,capacity,active',
      'VAN-1,van,Service van 1,,,,,,,,,,500,true',
      'CAB-1,cabinet,Tool cabinet,,,,12,0,4.5,,,,40,true',
      'VAN-2,van,Parked,,,,1,0,1,,,,5,true',
      'ROOM-1,room,Half placed,,,,1,,1,,,,5,true',
      'B-01-1,bin,,,,,,,,,,,5,true',
    ].join('\n');
    const parsed = parseCsv('locations', text);
    expect(parsed.rows.map((r) => r.row)).toMatchObject([
      {
        code: 'VAN-1',
        kind: 'van',
        name: 'Service van 1',
        x: null,
        y: null,
        z: null,
        width: 0,
        capacity: 500,
      },
      { code: 'CAB-1', kind: 'cabinet', x: 12, y: 0, z: 4.5, width: 0, height: 0, depth: 0 },
    ]);
    expect(parsed.errors).toEqual([
      { line: 4, message: 'a van has no place in the twin: leave x, y and z empty' },
      { line: 5, message: 'x, y and z go together: give all three or none' },
      {
        line: 6,
        message:
          'x is required for a bin; y is required for a bin; z is required for a bin; width is required for a bin; height is required for a bin; depth is required for a bin',
      },
    ]);
  });

  test('an empty required number is reported, not read as 0', () => {
    expect(parseCsv('stock', `${STOCK_HEADER}\nA,B,,\n`).errors).toEqual([
      { line: 2, message: expect.any(String) },
    ]);
  });
});

describe('parseCsv: file-level problems', () => {
  test('a missing required column is reported on line 1 and no rows are returned', () => {
    expect(parseCsv('stock', 'sku,lot\nA,L1\n')).toEqual({
      rows: [],
      errors: [{ line: 1, message: 'Missing column(s): location, on_hand' }],
    });
    const items = parseCsv('items', 'sku,name,unit,category,unit_cost,reorder_qty\nS,Bolt,pcs,F,1,1\n');
    expect(items.errors).toEqual([{ line: 1, message: 'Missing column(s): reorder_point' }]);
  });

  test('a header without data rows is reported on line 1', () => {
    expect(parseCsv('stock', `${STOCK_HEADER}\n`)).toEqual({
      rows: [],
      errors: [{ line: 1, message: 'The file has no data rows' }],
    });
    expect(parseCsv('stock', '').errors).toEqual([{ line: 1, message: 'The file has no data rows' }]);
  });

  test('an unclosed quote is reported, not thrown', () => {
    const text = `${STOCK_HEADER}\nA,B,,5\n"A,B,,5\n`;
    const parsed = parseCsv('stock', text);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]?.line).toBe(3);
    expect(parsed.errors[0]?.message).toMatch(/^The file is not valid CSV: Quote Not Closed/);
  });

  test('an unclosed quote is reported at the line where it opens', () => {
    const text = `${STOCK_HEADER}\nA,B,,5\n"A,B,,5\nC,D,,1\nE,F,,2\n`;
    expect(parseCsv('stock', text).errors[0]?.line).toBe(3);
  });

  test('a row with too many fields is reported with its line', () => {
    const parsed = parseCsv('stock', `${STOCK_HEADER}\nA,B,,5\nA,B,,5,9\n`);
    expect(parsed.rows).toEqual([]);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]?.line).toBe(3);
    expect(parsed.errors[0]?.message).toMatch(/^The file is not valid CSV: Invalid Record Length/);
  });
});
