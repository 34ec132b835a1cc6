import { describe, expect, it } from 'vitest';
import {
  type DerivedBin,
  deriveBins,
  floorTriangles,
  footprintCorners,
  pointInQuad,
  type Quad,
  quadBounds,
  rackBins,
  rackCorners,
  walkableFloor,
} from './geometry.ts';
import { loadFacility } from './load.ts';
import { demoWarehouse, plantRoom } from './samples/index.ts';
import type { Facility, Rack } from './schema.ts';

const rack = (over: Partial<Rack>): Rack => ({
  id: 'R',
  floorId: 'F1',
  aisle: 'C',
  face: 'right',
  numbering: 'odd-even',
  origin: { position: { x: 0, y: 0.1, z: 0 }, rotationY: 0 },
  firstBay: 6,
  bays: 2,
  bayWidth: 1,
  depth: 0.5,
  levels: [{ height: 0.5 }, { height: 0.4 }, { height: 0.4 }, { height: 0.3 }],
  ...over,
});

describe('bins', () => {
  it('derives codes <AISLE>-<BAY>-<LEVEL>: odd on the left face, even on the right, levels from 1 at the bottom', () => {
    expect(rackBins(rack({})).map((b) => b.code)).toEqual([
      'C-12-1',
      'C-12-2',
      'C-12-3',
      'C-12-4',
      'C-14-1',
      'C-14-2',
      'C-14-3',
      'C-14-4',
    ]);
    expect(rackBins(rack({ face: 'left', firstBay: 1, bays: 1 })).map((b) => b.code)[0]).toBe('C-01-1');
    expect(
      rackBins(rack({ numbering: 'sequential', firstBay: 1, bays: 3, levels: [{ height: 1 }] })).map(
        (b) => b.code,
      ),
    ).toEqual(['C-01-1', 'C-02-1', 'C-03-1']);
    expect(rackBins(rack({ firstBay: 60, bays: 1 }))[0]?.code).toBe('C-120-1');
  });

  it('places bin centres in the rack frame, stacked by level heights, with nominal litres', () => {
    const bins = rackBins(rack({}), 3);
    const c14_4 = bins.find((b) => b.code === 'C-14-4');
    expect(c14_4?.position.x).toBeCloseTo(1.5);
    expect(c14_4?.position.z).toBeCloseTo(0.25); // right face extends to local +Z
    expect(c14_4?.position.y).toBeCloseTo(3 + 0.1 + 0.5 + 0.4 + 0.4 + 0.15);
    expect(c14_4?.size).toEqual({ w: 1, h: 0.3, d: 0.5 });
    expect(c14_4?.capacity).toBe(150);
    // Turned −π/2, local +X runs along world +Z and a left-face rack extends to world +X.
    const turned = rackBins(
      rack({ face: 'left', origin: { position: { x: 5, y: 0, z: 2 }, rotationY: -Math.PI / 2 } }),
    );
    expect(turned[0]?.position.x).toBeCloseTo(5.25);
    expect(turned[0]?.position.z).toBeCloseTo(2.5);
    expect(rackBins(rack({ binCapacity: 40 }))[0]?.capacity).toBe(40);
  });

  it('codes are unique and stable on the committed samples', () => {
    for (const facility of [demoWarehouse(), plantRoom()]) {
      const codes = deriveBins(facility).map((b) => b.code);
      expect(new Set(codes).size).toBe(codes.length);
      // Through JSON and back: same document, same codes in the same order.
      const again = loadFacility(JSON.parse(JSON.stringify(facility)));
      expect(again.ok && deriveBins(again.facility).map((b) => b.code)).toEqual(codes);
    }
    expect(deriveBins(demoWarehouse()).length).toBeGreaterThanOrEqual(5000);
  });

  it('every bin lies inside its floor and outside every other rack and keep-clear area', () => {
    for (const facility of [demoWarehouse(), plantRoom()]) {
      const racks = facility.racks.map((r) => ({
        id: r.id,
        q: rackCorners(r),
        b: quadBounds(rackCorners(r)),
      }));
      const keepClear = facility.keepClear.map((k) => footprintCorners(k.footprint));
      const floor = facility.floors[0];
      const bad: DerivedBin[] = [];
      for (const bin of deriveBins(facility)) {
        const p = { x: bin.position.x, z: bin.position.z };
        const inFloor = floor !== undefined && p.x > 0 && p.x < floor.width && p.z > 0 && p.z < floor.depth;
        const own = racks.find((r) => r.id === bin.rackId);
        const inOwn = own !== undefined && pointInQuad(p, own.q);
        const inOther = racks.some(
          (r) => r.id !== bin.rackId && p.x >= r.b.minX && p.x <= r.b.maxX && pointInQuad(p, r.q),
        );
        if (!inFloor || !inOwn || inOther || keepClear.some((q: Quad) => pointInQuad(p, q))) bad.push(bin);
      }
      expect(bad.map((b) => b.code)).toEqual([]);
    }
  });
});

describe('walkable floor', () => {
  it('lists the outline and every blocked area', () => {
    const f = plantRoom();
    const w = walkableFloor(f, 'F1');
    expect(w.outline).toEqual({ minX: 0, maxX: 24, minZ: 0, maxZ: 18 });
    const kinds = new Set(w.blocked.map((b) => b.kind));
    expect([...kinds].sort()).toEqual(['asset', 'keep-clear', 'obstacle', 'rack', 'wall', 'workstation']);
    expect(
      walkableFloor(f, 'F1', { blockKeepClear: false }).blocked.some((b) => b.kind === 'keep-clear'),
    ).toBe(false);
    expect(() => walkableFloor(f, 'nope')).toThrow(/unknown floor/);
  });

  it('triangles face up and no triangle reaches into a rack, asset or keep-clear area', () => {
    for (const facility of [demoWarehouse(), plantRoom()] as Facility[]) {
      const mesh = floorTriangles(facility, 'F1', { cellSize: 0.25 });
      const { positions: pos, indices: idx } = mesh;
      expect(idx.length).toBe(mesh.freeCells * 6);
      const blocked = walkableFloor(facility, 'F1').blocked.map((b) => ({
        q: b.corners,
        b: quadBounds(b.corners),
      }));
      let area = 0;
      const inside: number[] = [];
      let downward = 0;
      for (let t = 0; t < idx.length; t += 3) {
        const [a, b, c] = [idx[t] ?? 0, idx[t + 1] ?? 0, idx[t + 2] ?? 0];
        const ax = pos[a * 3] ?? 0,
          az = pos[a * 3 + 2] ?? 0;
        const bx = pos[b * 3] ?? 0,
          bz = pos[b * 3 + 2] ?? 0;
        const cx = pos[c * 3] ?? 0,
          cz = pos[c * 3 + 2] ?? 0;
        // y of (b − a) × (c − a): positive means the normal points up.
        const up = (bz - az) * (cx - ax) - (bx - ax) * (cz - az);
        if (!(up > 0)) downward++;
        area += up / 2;
        const p = { x: (ax + bx + cx) / 3, z: (az + bz + cz) / 3 };
        const hit = blocked.some(
          (k) =>
            p.x >= k.b.minX && p.x <= k.b.maxX && p.z >= k.b.minZ && p.z <= k.b.maxZ && pointInQuad(p, k.q),
        );
        if (hit) inside.push(t / 3);
      }
      expect(inside).toEqual([]);
      expect(downward).toBe(0);
      const floor = facility.floors[0];
      const rackArea = facility.racks.reduce((s, r) => s + r.bays * r.bayWidth * r.depth, 0);
      expect(area).toBeCloseTo(mesh.freeCells * 0.0625, 3);
      expect(area).toBeLessThanOrEqual((floor?.width ?? 0) * (floor?.depth ?? 0) - rackArea);
      expect(area).toBeGreaterThan(0.4 * (floor?.width ?? 0) * (floor?.depth ?? 0));
    }
  });
});
