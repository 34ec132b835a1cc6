import { describe, expect, test } from 'vitest';
import { generateAssets } from '../../scripts/seed/assets.ts';
import { createRng } from '../../scripts/seed/random.ts';
import { AssetSearchIndex } from './asset-search.ts';

// The seed's register: one of every kind of equipment, then more of the common kinds.
const assets = generateAssets(createRng(42), 60, { minX: 0, maxX: 60, minZ: 0, maxZ: 40 }).map((a, i) => ({
  ...a,
  id: i + 1,
  archived: false,
}));
const index = new AssetSearchIndex(assets);
const tags = (q: string) => index.search(q, 60).map((id) => assets.find((a) => a.id === id)?.tag);

describe('AssetSearchIndex', () => {
  test('forgives typos like item search: "generatr" finds the generator', () => {
    expect(tags('generatr')[0]).toMatch(/^GEN-/);
    expect(tags('chillr')[0]).toMatch(/^CH-/);
  });

  test('an exact tag or alias comes first', () => {
    expect(tags('ahu-02')[0]).toBe('AHU-02');
    expect(tags('GEN1')[0]).toBe('GEN-01');
  });

  test('finds by category and by a tag prefix', () => {
    const generators = assets.filter((a) => a.category === 'Power').map((a) => a.tag);
    expect(tags('power')).toEqual(expect.arrayContaining(generators));
    expect(tags('ahu').length).toBeGreaterThan(1);
  });

  test('an archived asset is found only when asked for, and again once restored', () => {
    const ix = new AssetSearchIndex(assets);
    const gen = assets.find((a) => a.tag === 'GEN-01');
    if (gen === undefined) throw new Error('the register has no generator');
    ix.upsert({ ...gen, archived: true });
    expect(ix.search('GEN-01', 5)).not.toContain(gen.id);
    expect(ix.search('GEN-01', 5, { includeArchived: true })[0]).toBe(gen.id);
    ix.upsert({ ...gen, archived: false });
    expect(ix.search('GEN-01', 5)[0]).toBe(gen.id);
  });

  test('upsert follows a rename', () => {
    const ix = new AssetSearchIndex(assets);
    const gen = assets.find((a) => a.tag === 'GEN-01');
    if (gen === undefined) throw new Error('the register has no generator');
    ix.upsert({ ...gen, name: 'Emergency power set 1', aliases: [] });
    expect(ix.search('emergency power', 5)).toEqual([gen.id]);
    expect(ix.search('genny 1', 5)).not.toContain(gen.id);
  });
});
