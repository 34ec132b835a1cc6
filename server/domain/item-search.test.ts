import { describe, expect, test } from 'vitest';
import { generateCatalog } from '../../scripts/seed/catalog.ts';
import { createRng } from '../../scripts/seed/random.ts';
import { ItemSearchIndex, type SearchableItem } from './item-search.ts';

const BEARING = 1;
const BOLT = 2;
const NUT = 3;
const BELT = 4;
const GREASE = 5;

const ITEMS: SearchableItem[] = [
  {
    id: BEARING,
    sku: 'BRG-6204',
    name: 'Deep groove ball bearing 6204-2RS',
    aliases: ['radial bearing', 'kugellager'],
    barcode: '4006381333931',
    category: 'Bearings',
  },
  {
    id: BOLT,
    sku: 'BLT-M8-40',
    name: 'Hex bolt M8x40',
    aliases: ['hex head screw'],
    barcode: null,
    category: 'Fasteners',
  },
  { id: NUT, sku: 'NUT-M8', name: 'Hex nut M8', aliases: [], barcode: 'ABC-123', category: 'Fasteners' },
  // Its barcode is "6204", which also appears in the bearing's SKU and name.
  { id: BELT, sku: 'V-BELT-A32', name: 'Drive belt', aliases: [], barcode: '6204', category: 'Belts' },
  {
    id: GREASE,
    sku: 'GRS-1',
    name: 'Lithium grease',
    aliases: ['bearing grease'],
    barcode: null,
    category: 'Lubricants',
  },
];

const index = () => new ItemSearchIndex(ITEMS);

describe('ItemSearchIndex', () => {
  test('finds by name, best match first', () => {
    expect(index().search('bearing', 10)).toEqual([BEARING, GREASE]);
    expect(index().search('lithium', 10)).toEqual([GREASE]);
  });

  test('finds by alias', () => {
    expect(index().search('kugellager', 10)).toEqual([BEARING]);
    expect(index().search('hex screw', 10)).toEqual([BOLT]);
  });

  test('finds by SKU, in any case', () => {
    expect(index().search('NUT-M8', 10)[0]).toBe(NUT);
    expect(index().search('grs-1', 10)[0]).toBe(GREASE);
  });

  test('finds by a scanned barcode', () => {
    expect(index().search('4006381333931', 10)).toEqual([BEARING]);
  });

  test('an exact barcode scan wins over items that only mention the same digits', () => {
    const ids = index().search('6204', 10);
    expect(ids[0]).toBe(BELT);
    expect(ids).toContain(BEARING);
  });

  test('an exact SKU wins, with surrounding spaces ignored', () => {
    expect(index().search('  BRG-6204  ', 10)[0]).toBe(BEARING);
  });

  test('finds a barcode that contains letters', () => {
    expect(index().search('ABC-123', 10)).toEqual([NUT]);
  });

  test('tolerates typos', () => {
    expect(index().search('berings', 10)[0]).toBe(BEARING);
    expect(index().search('hexx bolt', 10)).toEqual([BOLT]);
    expect(index().search('greese', 10)).toEqual([GREASE]);
  });

  test('matches a prefix as someone types', () => {
    expect(index().search('bea', 10)).toEqual([BEARING, GREASE]);
    expect(index().search('kugel', 10)).toEqual([BEARING]);
    expect(index().search('lith', 10)).toEqual([GREASE]);
  });

  test('all words must match when some item matches them all', () => {
    expect(index().search('hex nut', 10)).toEqual([NUT]);
  });

  test('falls back to any word when no item matches them all', () => {
    const ids = index().search('lithium kugellager', 10);
    expect([...ids].sort()).toEqual([BEARING, GREASE]);
  });

  test('an empty or blank query returns nothing', () => {
    expect(index().search('', 10)).toEqual([]);
    expect(index().search('   ', 10)).toEqual([]);
  });

  test('nothing found returns an empty list', () => {
    expect(index().search('zzzz', 10)).toEqual([]);
  });

  test('the limit caps the results', () => {
    expect(index().search('hex', 10)).toHaveLength(2);
    expect(index().search('hex', 1)).toHaveLength(1);
    expect(index().search('4006381333931', 0)).toEqual([]);
  });

  test('upsert replaces the old name, SKU and barcode', () => {
    const ix = index();
    ix.upsert({
      id: BOLT,
      sku: 'CS-M8-50',
      name: 'Carriage screw M8x50',
      aliases: [],
      barcode: '999',
      category: 'Fasteners',
    });
    expect(ix.search('carriage', 10)).toEqual([BOLT]);
    expect(ix.search('hexx bolt', 10)).not.toContain(BOLT);
    expect(ix.search('hex', 10)).toEqual([NUT]);
    expect(ix.search('BLT-M8-40', 10)).toEqual([]);
    expect(ix.search('CS-M8-50', 10)).toEqual([BOLT]);
    expect(ix.search('999', 10)).toEqual([BOLT]);
  });

  test('upsert of a new id adds it', () => {
    const ix = index();
    ix.upsert({ id: 6, sku: 'FLT-9', name: 'Air filter', aliases: [], barcode: null, category: 'Filters' });
    expect(ix.search('filter', 10)).toEqual([6]);
    expect(ix.search('bearing', 10)).toEqual([BEARING, GREASE]);
  });

  test('an empty index finds nothing', () => {
    expect(new ItemSearchIndex().search('bearing', 10)).toEqual([]);
  });

  test('an exact alias or name ranks before items that only share its words', () => {
    const ix = index();
    ix.upsert({
      id: 7,
      sku: 'BLT-M8-70',
      name: 'Hex bolt M8x70',
      aliases: ['hex bolts'],
      barcode: null,
      category: 'Fasteners',
    });
    // "hex bolts" is item 7's alias; the M8x40 bolt matches the words at least as well.
    expect(ix.search('Hex  Bolts', 10)[0]).toBe(7);
    expect(ix.search('hex nut m8', 10)[0]).toBe(NUT);
  });
});

describe('ItemSearchIndex on the demo catalogue', () => {
  // The seed's catalogue (npm start), built from the seed's default seed without a database.
  const catalogue = generateCatalog(createRng(42)).items.map((item, i) => ({ ...item, id: i + 1 }));
  const demo = new ItemSearchIndex(catalogue);
  const first = (q: string) => catalogue.find((i) => i.id === demo.search(q, 10)[0])?.name;

  test('"m8 bolts", an alias of one bolt, finds that bolt first among the dozens of M8 bolts', () => {
    expect(first('m8 bolts')).toBe('M8 x 30 hex bolt, zinc plated');
    expect(first('M8 hex bolt')).toBe('M8 x 30 hex bolt, zinc plated');
    expect(demo.search('m8 bolts', 30).length).toBeGreaterThan(5);
  });

  test('an exact name, SKU and barcode come first too', () => {
    const bolt = catalogue[0];
    expect(bolt?.sku).toBe('FST-M8-030-ZN');
    expect(first('m8 x 30 hex bolt, zinc plated')).toBe(bolt?.name);
    expect(first('fst-m8-030-zn')).toBe(bolt?.name);
    expect(first(bolt?.barcode ?? '')).toBe(bolt?.name);
  });

  test('typos still find the part', () => {
    expect(first('berings')).toMatch(/bearing/);
  });
});
