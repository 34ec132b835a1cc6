import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../twin-models/generate/random.ts';
import { deriveBins, type Point2, pointInQuad, walkableFloor } from '../../../twin-models/geometry.ts';
import { demoWarehouse, plantRoom } from '../../../twin-models/samples/index.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import { buildNavigator, buildNavigatorData, type Navigator, navigatorFromData } from './navmesh.ts';

/** Points every `step` metres along the polyline, both ends included. */
function samples(points: readonly Point2[], step: number): Point2[] {
  const out: Point2[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a === undefined || b === undefined) continue;
    const len = Math.hypot(b.x - a.x, b.z - a.z);
    const n = Math.max(1, Math.ceil(len / step));
    for (let k = 0; k <= n; k++) out.push({ x: a.x + ((b.x - a.x) * k) / n, z: a.z + ((b.z - a.z) * k) / n });
  }
  return out;
}

function routeChecks(name: string, load: () => Facility, pairs: number) {
  describe(`routes on ${name}`, () => {
    let facility: Facility;
    let nav: Navigator;
    beforeAll(async () => {
      facility = load();
      nav = await buildNavigator(facility);
    });

    it(`routes ${pairs} seeded random bin pairs along walkable floor`, () => {
      const bins = deriveBins(facility);
      const walk = walkableFloor(facility, nav.floorId);
      const o = walk.outline;
      const rnd = mulberry32(20240611).next;
      for (let k = 0; k < pairs; k++) {
        const a = bins[Math.floor(rnd() * bins.length)];
        const b = bins[Math.floor(rnd() * bins.length)];
        if (a === undefined || b === undefined) throw new Error('no bins');
        const r = nav.route({ kind: 'bin', code: a.code }, { kind: 'bin', code: b.code });
        if (!r.ok) throw new Error(`${a.code} -> ${b.code}: ${r.reason}`);
        for (const p of samples(r.points, 0.25)) {
          expect(p.x > o.minX && p.x < o.maxX && p.z > o.minZ && p.z < o.maxZ, `${a.code}->${b.code}`).toBe(
            true,
          );
          const hit = walk.blocked.find((area) => pointInQuad(p, area.corners));
          expect(hit?.id, `${a.code} -> ${b.code} at ${p.x},${p.z}`).toBeUndefined();
        }
        const first = r.points[0];
        const last = r.points[r.points.length - 1];
        if (first === undefined || last === undefined) throw new Error('empty route');
        const straight = Math.hypot(last.x - first.x, last.z - first.z);
        expect(r.lengthM).toBeGreaterThanOrEqual(straight - 1e-6);
        // Racks force detours round their ends; more than that means the path wandered.
        expect(r.lengthM).toBeLessThanOrEqual(straight * 4 + 40);
        const sum = r.steps.reduce((s, step) => s + step.distanceM, 0);
        expect(Math.abs(sum - r.lengthM)).toBeLessThanOrEqual(1);
        expect(r.steps[r.steps.length - 1]?.text).toMatch(
          new RegExp(`^Bin ${b.code} is .*level ${b.level}$`),
        );
      }
    });
  });
}

routeChecks('the demo warehouse', demoWarehouse, 60);
routeChecks('the plant room', plantRoom, 50);

describe('hand-checkable routes on the demo warehouse', () => {
  let nav: Navigator;
  beforeAll(async () => {
    nav = await buildNavigator(demoWarehouse());
  });

  it('walks straight along one aisle between bins 10 bays apart', () => {
    // are positions 1 and 11 of the left face: ten 1 m bays, no cross-aisle between.
    const r = nav.route({ kind: 'bin', code: 'A-01-1' }, { kind: 'bin', code: 'A-21-3' });
    if (!r.ok) throw new Error(r.reason);
    expect(r.lengthM).toBeCloseTo(10, 1);
    expect(r.steps.map((s) => s.text)).toEqual([
      'Walk 10 m along aisle A',
      'Bin A-21-3 is on your left, level 3',
    ]);
  });

  it('names the cross-aisle and the aisle it turns into', () => {
    const r = nav.route({ kind: 'bin', code: 'B-30-1' }, { kind: 'bin', code: 'E-30-1' });
    if (!r.ok) throw new Error(r.reason);
    const texts = r.steps.map((s) => s.text);
    expect(texts.some((t) => t.endsWith('along aisle B'))).toBe(true);
    expect(texts.some((t) => t.includes('cross-aisle'))).toBe(true);
    expect(texts.some((t) => t.includes('into aisle E'))).toBe(true);
  });

  it('reaches markers and arbitrary points, and refuses unknown bins', () => {
    const f = demoWarehouse();
    const marker = f.markers[0];
    if (marker === undefined) throw new Error('no markers');
    const r = nav.route({ kind: 'point', x: 18, z: 8 }, { kind: 'marker', code: marker.code });
    expect(r.ok).toBe(true);
    const bad = nav.route({ kind: 'bin', code: 'A-01-1' }, { kind: 'bin', code: 'ZZ-99-9' });
    expect(bad).toEqual({ ok: false, reason: 'no bin ZZ-99-9' });
  });

  it('returns a zero-length route when start and end coincide', () => {
    const r = nav.route({ kind: 'bin', code: 'C-12-4' }, { kind: 'bin', code: 'C-12-4' });
    if (!r.ok) throw new Error(r.reason);
    expect(r.lengthM).toBeLessThan(0.01);
    expect(r.steps.at(-1)?.text).toBe('Bin C-12-4 is here, level 4');
  });
});

describe('a navmesh built as data (in a worker thread) and queried elsewhere', () => {
  it('answers every route exactly as the navigator that built it', async () => {
    const f = demoWarehouse();
    const direct = await buildNavigator(f);
    // Through structured cloning, as it crosses from the worker thread to the main thread.
    const data = structuredClone(await buildNavigatorData(f));
    const imported = await navigatorFromData(f, data);
    const bins = deriveBins(f);
    const rnd = mulberry32(7).next;
    for (let k = 0; k < 80; k++) {
      const a = bins[Math.floor(rnd() * bins.length)]?.code ?? '';
      const b = bins[Math.floor(rnd() * bins.length)]?.code ?? '';
      const from = { kind: 'bin' as const, code: a };
      const to = { kind: 'bin' as const, code: b };
      expect(imported.route(from, to), `${a} -> ${b}`).toEqual(direct.route(from, to));
    }
    direct.dispose();
    imported.dispose();
  });
});

describe('plant room', () => {
  it('routes from every machine on the plant floor into the store without crossing keep-clear areas', async () => {
    const f = plantRoom();
    const nav = await buildNavigator(f);
    // Keep-clear areas are blocked (the default), so the walkable floor's blocked areas include them.
    const walk = walkableFloor(f, nav.floorId);
    const keepClear = new Set(f.keepClear.map((k) => k.id));
    expect(walk.blocked.filter((a) => keepClear.has(a.id))).toHaveLength(f.keepClear.length);
    expect(f.assets.length).toBeGreaterThan(0);
    for (const asset of f.assets) {
      for (const code of ['S-01-1', 'S-09-3', 'S-18-5']) {
        const r = nav.route({ kind: 'asset', id: asset.id }, { kind: 'bin', code });
        if (!r.ok) throw new Error(`${asset.id} -> ${code}: ${r.reason}`);
        // Walls and keep-clear areas both block: the route goes through the doorway round them.
        for (const p of samples(r.points, 0.1))
          expect(
            walk.blocked.find((a) => pointInQuad(p, a.corners))?.id,
            `${asset.id} -> ${code}`,
          ).toBeUndefined();
      }
    }
    nav.dispose();
  });

  it('routes between assets beside their footprints', async () => {
    const f = plantRoom();
    const nav = await buildNavigator(f);
    const [a, b] = f.assets;
    if (a === undefined || b === undefined) throw new Error('need two assets');
    const r = nav.route({ kind: 'asset', id: a.id }, { kind: 'asset', id: b.assetTag });
    if (!r.ok) throw new Error(r.reason);
    expect(r.steps.at(-1)?.text).toMatch(new RegExp(`^${b.name} is `));
    nav.dispose();
  });
});
