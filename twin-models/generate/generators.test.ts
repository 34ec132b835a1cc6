import { describe, expect, it } from 'vitest';
import { assetCorners, deriveBins, footprintCorners, pointInQuad } from '../geometry.ts';
import { loadFacility } from '../load.ts';
import { loadSample } from '../samples/index.ts';
import { SAMPLE_NAMES, SAMPLE_RECIPES } from '../samples/recipes.ts';
import type { Facility } from '../schema.ts';
import { generateDistributionCentre } from './distribution-centre.ts';
import { generatePlantRoom } from './plant-room.ts';
import { generateWarehouse } from './warehouse.ts';

function valid(f: Facility): Facility {
  const r = loadFacility(JSON.parse(JSON.stringify(f)));
  if (!r.ok) throw new Error(r.errors.slice(0, 10).join('\n'));
  return r.facility;
}

const GENERATORS: [string, (seed: number) => Facility][] = [
  ['warehouse', (seed) => generateWarehouse({}, seed)],
  ['plant-room', (seed) => generatePlantRoom({}, seed)],
  [
    'small warehouse',
    (seed) => generateWarehouse({ rows: 3, baysPerRow: 9, levels: 3, crossAisleEvery: 4, docks: 1 }, seed),
  ],
];

describe('generators', () => {
  it.each(GENERATORS)('%s: same seed deep-equal, different seed differs, output valid', (_name, gen) => {
    const a = gen(1);
    expect(gen(1)).toEqual(a);
    expect(gen(2)).not.toEqual(a);
    // What validation returns is what the generator made: no defaults left for the loader to fill.
    expect(valid(a)).toEqual(a);
  });

  it('warehouse follows its parameters', () => {
    const f = generateWarehouse(
      { rows: 4, baysPerRow: 10, levels: 3, crossAisleEvery: 5, crossAisleWidth: 2.5, docks: 2 },
      9,
    );
    expect(deriveBins(f)).toHaveLength(4 * 2 * 10 * 3);
    expect(f.racks).toHaveLength(4 * 2 * 2); // two faces, split once by a cross-aisle
    expect(f.aisles.filter((a) => a.kind === 'cross-aisle')).toHaveLength(2); // one between bays, one at the rear
    expect(f.docks).toHaveLength(2);
    expect(f.markers.filter((m) => m.id.endsWith('-FRONT') || m.id.endsWith('-REAR'))).toHaveLength(8);
    expect(f.keepClear.filter((k) => k.reason === 'fire-exit').length).toBeGreaterThanOrEqual(2);
    expect(() => generateWarehouse({ rows: 1, docks: 20 }, 1)).toThrow(/dock wall/);
  });

  it('plant room has assets among shelving, panels with keep-clear areas and fire exits', () => {
    const f = generatePlantRoom({}, 7);
    expect(f.assets.length).toBeGreaterThanOrEqual(8);
    expect(new Set(f.assets.map((a) => a.kind)).size).toBeGreaterThanOrEqual(3);
    expect(f.racks.length).toBe(3);
    expect(f.keepClear.filter((k) => k.reason === 'electrical-panel')).toHaveLength(2);
    expect(f.keepClear.some((k) => k.reason === 'fire-exit')).toBe(true);
    expect(f.markers.length).toBeGreaterThanOrEqual(f.assets.length);
    // The partition doorway is the store's only way in: no keep-clear area or machine may cover it.
    const left = f.walls.find((w) => w.id === 'W-1');
    const right = f.walls.find((w) => w.id === 'W-2');
    if (left === undefined || right === undefined) throw new Error('no partition');
    const doorX = (left.to.x + right.from.x) / 2;
    for (const z of [left.to.z - 0.8, left.to.z, left.to.z + 0.8]) {
      const p = { x: doorX, z };
      expect(f.keepClear.filter((k) => pointInQuad(p, footprintCorners(k.footprint)))).toEqual([]);
      expect(f.assets.filter((a) => pointInQuad(p, assetCorners(a)))).toEqual([]);
    }
  });

  it('distribution centre: >= 50,000 bins, generated and validated in < 3 s', () => {
    const t0 = performance.now();
    const f = generateDistributionCentre({}, 1);
    const loaded = valid(f);
    const bins = deriveBins(loaded);
    const ms = performance.now() - t0;
    expect(bins.length).toBeGreaterThanOrEqual(50_000);
    expect(new Set(bins.map((b) => b.code)).size).toBe(bins.length);
    expect(ms).toBeLessThan(3000);
    expect(generateDistributionCentre({}, 1)).toEqual(f);
  });
});

describe('committed samples', () => {
  it.each(SAMPLE_NAMES)('%s is valid and matches its recipe (rerun build-samples.ts if not)', (name) => {
    expect(loadSample(name)).toEqual(SAMPLE_RECIPES[name]());
  });
});
