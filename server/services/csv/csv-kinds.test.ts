import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CSV_KINDS } from '../../../common/csv/kinds.ts';
import { parseRows } from '../../domain/csv/rows.ts';
import { AssetRow, assetsCsv } from './assets.csv-kind.ts';
import { CSV_ENGINES } from './csv-kinds.ts';
import { ItemRow, itemsCsv } from './items.csv-kind.ts';
import { LocationRow, locationsCsv } from './locations.csv-kind.ts';
import { PlanRow, plansCsv } from './plans.csv-kind.ts';
import { StockRow, stockCsv } from './stock.csv-kind.ts';
import { SupplierPriceRow, supplierPricesCsv } from './supplier-prices.csv-kind.ts';
import { SupplierRow, suppliersCsv } from './suppliers.csv-kind.ts';
import { UserRow, usersCsv } from './users.csv-kind.ts';

const items = (text: string) => parseRows(itemsCsv.columns, ItemRow, text);
const locations = (text: string) => parseRows(locationsCsv.columns, LocationRow, text);
const stock = (text: string) => parseRows(stockCsv.columns, StockRow, text);
// Files written before items had packs: the column is optional.
const ITEMS_HEADER =
  'sku,name,aliases,unit,barcode,category,unit_cost,reorder_point,reorder_qty,tracking,supplier';
// Files written before locations had names and descriptions: those columns are optional.
const LOCATIONS_HEADER = 'code,kind,aisle,bay,level,x,y,z,width,height,depth,capacity,active';
const STOCK_HEADER = 'sku,location,lot,on_hand';
const FORMULA = 'formulas are not accepted (start the cell with an apostrophe to keep it as text)';

describe('items rows', () => {
  test('parse into typed rows: aliases split on |, cost in cents, defaults for absent columns', () => {
    const parsed = items(
      [
        ITEMS_HEADER,
        'BRG-6204,Ball bearing 6204,radial bearing | kugellager,pcs,4006381333931,Bearings,4.35,10,25,Lot,SKF',
        'BLT-M8,Hex bolt M8,,pcs,,Fasteners,1.005,100,500,none,',
      ].join('\n'),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
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
          packs: [],
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
          unit_cost: 101,
          reorder_point: 100,
          reorder_qty: 500,
          tracking: 'none',
          supplier: null,
          packs: [],
        },
      },
    ]);
    const minimal = items(
      'sku,name,unit,category,unit_cost,reorder_point,reorder_qty\nS1,Bolt,pcs,F,1,1,1\n',
    );
    expect(minimal.rows[0]?.row).toMatchObject({
      tracking: 'none',
      aliases: [],
      barcode: null,
      supplier: null,
    });
    expect([...minimal.present]).not.toContain('tracking');
  });

  test('every problem in a row is reported on its own column', () => {
    const parsed = items(`${ITEMS_HEADER}\n,B,,pcs,12,Fasteners,-1,1.5,2,bogus,\n`);
    expect(parsed.errors).toEqual([
      // The item form's own words (common/masters/item.ts), on the column they are about.
      { line: 2, column: 'sku', message: 'Enter the SKU' },
      { line: 2, column: 'name', message: 'Enter a name of at least 2 characters' },
      { line: 2, column: 'barcode', message: 'A barcode has at least 4 characters' },
      { line: 2, column: 'unit_cost', message: 'The cost cannot be negative' },
      { line: 2, column: 'reorder_point', message: 'Use a whole number' },
      { line: 2, column: 'tracking', message: 'tracking must be none, lot or serial' },
    ]);
  });

  test("packs are unit:size separated by |, checked by the item form's rules", () => {
    const header = 'sku,name,unit,category,unit_cost,reorder_point,reorder_qty,packs';
    const parsed = items(
      [
        header,
        'BLT-M8,Hex bolt M8,ea,Fasteners,0.10,100,500,box:100 | case:1000',
        'BLT-M6,Hex bolt M6,ea,Fasteners,0.10,100,500,box',
        'BLT-M5,Hex bolt M5,ea,Fasteners,0.10,100,500,box:100|box:100',
        'BLT-M4,Hex bolt M4,ea,Fasteners,0.10,100,500,box:1',
      ].join('\n'),
    );
    expect(parsed.rows.map((r) => r.row.packs)).toEqual([
      [
        { unit: 'box', size: 100 },
        { unit: 'case', size: 1000 },
      ],
    ]);
    expect(parsed.errors).toEqual([
      {
        line: 3,
        column: 'packs',
        message: '"box" is not a pack; write unit:size separated by |, e.g. box:100|case:1000',
      },
      { line: 4, column: 'packs', message: 'box of 100 is listed twice' },
      { line: 5, column: 'packs', message: 'A pack holds at least 2 units' },
    ]);
  });
});

describe('locations rows', () => {
  test('negative coordinates are numbers, not formulas; codes are upper-cased; active flags read', () => {
    const parsed = locations(
      [
        LOCATIONS_HEADER,
        'a-01-1,bin,A,1,1,0.5,0,1.25,1.2,0.4,0.6,40,true',
        'DOCK-1,dock,,,,10,0,-3.5,4,0,6,1000,no',
      ].join('\n'),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.row.code, r.row.z, r.row.bay, r.row.active])).toEqual([
      ['A-01-1', 1.25, 1, true],
      ['DOCK-1', -3.5, null, false],
    ]);
  });

  test('rules are reported by line and column', () => {
    const parsed = locations(
      [LOCATIONS_HEADER, 'A 01,bin,,,,0,0,0,1,1,1,1,true', 'A-03,shelf,,2.5,,0,0,0,0,-1,1,0,maybe'].join(
        '\n',
      ),
    );
    expect(parsed.errors.map((e) => `${e.line} ${e.column}: ${e.message}`)).toEqual([
      '2 code: Use only letters, digits and dashes',
      '3 kind: kind must be bin, floor, dock, cabinet, room, van or area',
      '3 bay: bay must be a whole number',
      '3 width: width must be above 0',
      '3 height: height cannot be negative',
      '3 capacity: capacity must be at least 1',
      '3 active: active must be true or false',
    ]);
  });
});

describe('hand-kept locations', () => {
  test('cabinets, rooms, vans and other areas may have no place or size; a van never has a place', () => {
    const parsed = locations(
      [
        'code,kind,name,x,y,z,width,height,depth,capacity',
        'VAN-1,van,Service van 1,,,,,,,500',
        'CAB-1,cabinet,Tool cabinet,12,0,4.5,,,,40',
        'VAN-2,van,Parked,1,0,1,,,,5',
        'ROOM-1,room,Half placed,1,,1,,,,5',
        'B-01-1,bin,,,,,,,,5',
      ].join('\n'),
    );
    expect(parsed.rows.map((r) => r.row)).toMatchObject([
      { code: 'VAN-1', kind: 'van', name: 'Service van 1', x: null, y: null, z: null, width: 0 },
      { code: 'CAB-1', kind: 'cabinet', x: 12, y: 0, z: 4.5, width: 0, height: 0, depth: 0 },
    ]);
    expect(parsed.errors.map((e) => `${e.line} ${e.column}: ${e.message}`)).toEqual([
      '4 x: a van has no place in the twin: leave x, y and z empty',
      '5 x: x, y and z go together: give all three or none',
      '6 x: x is required for a bin',
      '6 y: y is required for a bin',
      '6 z: z is required for a bin',
      '6 width: width is required for a bin',
      '6 height: height is required for a bin',
      '6 depth: depth is required for a bin',
    ]);
  });
});

describe('stock rows', () => {
  test('a lot =HYPERLINK(...) is refused on its cell, our own escape reads back, -3 is not a formula', () => {
    const parsed = stock(
      [
        STOCK_HEADER,
        'LUB-EP2,A-01-1,"=HYPERLINK(""http://evil.example"",""L1"")",5',
        "LUB-EP2,A-01-1,'=L2,5",
        'LUB-EP2,A-01-1,L3,-3',
        'LUB-EP2,A-01-1,L4,=2+3',
      ].join('\n'),
    );
    expect(parsed.errors).toEqual([
      { line: 2, column: 'lot', message: `starts with '=': ${FORMULA}` },
      { line: 4, column: 'on_hand', message: 'on_hand cannot be negative' },
      { line: 5, column: 'on_hand', message: `starts with '=': ${FORMULA}` },
    ]);
    expect(parsed.rows).toEqual([
      { line: 3, row: { sku: 'LUB-EP2', location: 'A-01-1', lot: '=L2', on_hand: 5 } },
    ]);
  });

  test('an empty required number is missing, not 0', () => {
    expect(stock(`${STOCK_HEADER}\nA,B,,\n`).errors).toEqual([
      { line: 2, column: 'on_hand', message: 'on_hand is required' },
    ]);
  });

  test('a ;-separated file with a BOM and CRLF, headers in any case', () => {
    const parsed = stock('\uFEFFSKU;Location;Lot;On_Hand\r\nBRG-6204;A-01-1;L-7;12\r\n');
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, row: { sku: 'BRG-6204', location: 'A-01-1', lot: 'L-7', on_hand: 12 } },
    ]);
  });
});

describe('templates', () => {
  test.each(Object.values(CSV_ENGINES))(
    'the $kind template is clean: its header and example rows parse',
    (engine) => {
      const template = engine.template();
      const header = template.split('\n')[0];
      expect(header).toBe(engine.columns.map((c) => c.name).join(','));
      expect(template).toMatch(/example|X-01/i);
    },
  );

  test('every template row parses without errors', () => {
    expect(items(itemsCsv.template()).errors).toEqual([]);
    expect(locations(locationsCsv.template()).errors).toEqual([]);
    expect(stock(stockCsv.template()).errors).toEqual([]);
    const schemas = [
      [suppliersCsv, SupplierRow],
      [supplierPricesCsv, SupplierPriceRow],
      [assetsCsv, AssetRow],
      [plansCsv, PlanRow],
      [usersCsv, UserRow],
    ] as const;
    for (const [engine, schema] of schemas) {
      expect(parseRows<unknown>(engine.columns, schema, engine.template()).errors).toEqual([]);
    }
  });
});

describe('docs/csv.md', () => {
  test("lists every kind's columns as the registry has them", () => {
    const doc = readFileSync(new URL('../../../docs/csv.md', import.meta.url), 'utf8');
    const cell = (s: string) => s.replaceAll('|', '\\|');
    for (const kind of CSV_KINDS) {
      const engine = CSV_ENGINES[kind];
      const table = [
        `### ${engine.title} (\`${kind}\`)`,
        '',
        '| column | required | meaning | example |',
        '| --- | --- | --- | --- |',
        ...engine.columns.map(
          (c) =>
            `| \`${c.name}\` | ${c.required ? 'yes' : ''} | ${cell(c.description)} | ${c.example ? `\`${cell(c.example)}\`` : ''} |`,
        ),
      ].join('\n');
      expect(doc).toContain(table);
    }
  });
});
