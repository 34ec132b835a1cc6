import { describe, expect, it } from 'vitest';
import { deriveBins } from './geometry.ts';
import { formatPath, loadFacility, loadFacilityJson } from './load.ts';

/** A small valid v2 document; tests break one thing at a time. */
function doc(): Record<string, unknown> & { racks: Record<string, unknown>[] } {
  const rack = (id: string, aisle: string, face: 'left' | 'right', x: number) => ({
    id,
    floorId: 'F1',
    aisle,
    face,
    origin: { position: { x, y: 0.1, z: 2 }, rotationY: -Math.PI / 2 },
    firstBay: 1,
    bays: 4,
    bayWidth: 1,
    depth: 0.6,
    levels: [{ height: 0.5 }, { height: 0.4 }, { height: 0.4 }, { height: 0.4 }],
  });
  return {
    version: 2,
    id: 'tiny',
    name: 'Tiny store',
    floors: [{ id: 'F1', name: 'Ground', width: 10, depth: 12 }],
    racks: [rack('R1', 'A', 'right', 2), rack('R2', 'A', 'left', 3.5), rack('R3', 'B', 'right', 5)],
    keepClear: [
      { id: 'K1', floorId: 'F1', reason: 'fire-exit', footprint: { x: 8, z: 11, width: 2, depth: 1.5 } },
    ],
    markers: [
      { id: 'M1', floorId: 'F1', code: 'TM-1', pose: { position: { x: 1, y: 1.5, z: 0.01 } }, size: 0.2 },
    ],
  };
}

function errorsOf(input: unknown): string[] {
  const r = loadFacility(input);
  if (r.ok) throw new Error('expected the document to be refused');
  return r.errors;
}

describe('loadFacility', () => {
  it('accepts a valid document, fills defaults and reports no migration', () => {
    const r = loadFacility(doc());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBeUndefined();
    expect(r.facility.walls).toEqual([]);
    expect(r.facility.racks[0]?.numbering).toBe('odd-even');
    expect(r.facility.floors[0]?.elevation).toBe(0);
  });

  it('names nested array indices in the path', () => {
    const d = doc();
    const levels = d.racks[2]?.levels as { height: number }[];
    (levels[3] as { height: number }).height = 0;
    expect(errorsOf(d)).toEqual(['racks[2].levels[3].height: must be > 0']);
  });

  it('reports every problem, each at its own path', () => {
    const d = doc();
    (d.racks[0] as Record<string, unknown>).bays = 0;
    (d.racks[1] as Record<string, unknown>).bayWidth = 'wide';
    (d.floors as Record<string, unknown>[])[0] = { id: 'F1', name: 'Ground', width: -1, depth: 12 };
    (d.markers as Record<string, unknown>[])[0] = {
      id: 'M1',
      floorId: 'F1',
      code: 'TM-1',
      pose: {},
      size: 0.2,
    };
    const errors = errorsOf(d);
    expect(errors).toContain('floors[0].width: must be > 0');
    expect(errors).toContain('racks[0].bays: must be >= 1');
    expect(errors.some((e) => e.startsWith('racks[1].bayWidth: '))).toBe(true);
    expect(errors.some((e) => e.startsWith('markers[0].pose.position: '))).toBe(true);
    expect(errors).toHaveLength(4);
  });

  it('refuses unknown keys and bad enum values by path', () => {
    const d = doc();
    (d.racks[1] as Record<string, unknown>).levles = 3;
    (d.racks[2] as Record<string, unknown>).face = 'front';
    const errors = errorsOf(d);
    expect(errors.some((e) => e.startsWith('racks[1]: ') && e.includes('levles'))).toBe(true);
    expect(errors.some((e) => e.startsWith('racks[2].face: '))).toBe(true);
  });

  it('cross-checks: duplicate derived bin codes name the rack', () => {
    const d = doc();
    // Same aisle and face as R1, further along but restarting at bay 1: codes A-02-1... collide.
    d.racks.push({
      ...(d.racks[0] as object),
      id: 'R4',
      origin: { position: { x: 2, y: 0.1, z: 7 }, rotationY: -Math.PI / 2 },
    });
    expect(errorsOf(d)).toEqual(['racks[3]: derived bin code "A-02-1" duplicates one of racks[0]']);
  });

  it('cross-checks: duplicate ids, unknown floors, racks outside the floor, overlaps', () => {
    const d = doc();
    (d.racks[2] as Record<string, unknown>).id = 'R1';
    (d.keepClear as Record<string, unknown>[]).push({
      id: 'K2',
      floorId: 'F9',
      reason: 'electrical-panel',
      footprint: { x: 1, z: 1, width: 1, depth: 1 },
    });
    const moved = {
      ...(d.racks[1] as object),
      id: 'R5',
      aisle: 'C',
      origin: { position: { x: 9.8, y: 0, z: 8 } },
    };
    d.racks.push(moved);
    const errors = errorsOf(d);
    expect(errors).toContain('racks[2].id: duplicate id "R1" (first at racks[0].id)');
    expect(errors).toContain('keepClear[1].floorId: unknown floor "F9"');
    expect(
      errors.some(
        (e) => e.startsWith('racks[3]: rack footprint x 9.8..13.8') && e.includes('outside floor "F1"'),
      ),
    ).toBe(true);
  });

  it('cross-checks: racks may not overlap each other or a keep-clear area', () => {
    const d = doc();
    (d.racks[1] as Record<string, unknown>).origin = {
      position: { x: 1.7, y: 0, z: 2 },
      rotationY: -Math.PI / 2,
    };
    (d.keepClear as Record<string, unknown>[])[0] = {
      id: 'K1',
      floorId: 'F1',
      reason: 'fire-exit',
      footprint: { x: 4.5, z: 3, width: 1, depth: 1 },
    };
    const errors = errorsOf(d);
    expect(errors).toContain('racks[1]: overlaps racks[0]');
    expect(errors).toContain('keepClear[0].footprint: overlaps racks[2]');
  });

  it('migrates version 1 and reports where it came from', () => {
    const v1 = {
      version: 1,
      id: 'old',
      name: 'Old store',
      floors: [{ id: 'F1', name: 'Ground', width: 20, depth: 12 }],
      obstacles: [{ id: 'C1', floorId: 'F1', x: 10, z: 11, width: 0.4, depth: 0.4, height: 6 }],
      racks: [
        {
          id: 'R1',
          floorId: 'F1',
          aisle: 'A',
          face: 'right',
          x: 2,
          z: 2,
          firstBay: 1,
          bays: 5,
          bayWidth: 1,
          depth: 0.5,
          levels: 3,
          levelHeight: 0.45,
        },
      ],
      keepClear: [{ id: 'K1', floorId: 'F1', reason: 'fire-exit', x: 19, z: 6, width: 1.5, depth: 2 }],
    };
    const r = loadFacility(v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(1);
    expect(r.facility.version).toBe(2);
    expect(r.facility.markers).toEqual([]);
    expect(r.facility.racks[0]?.levels).toEqual([{ height: 0.45 }, { height: 0.45 }, { height: 0.45 }]);
    expect(r.facility.obstacles[0]?.footprint).toEqual({
      x: 10,
      z: 11,
      width: 0.4,
      depth: 0.4,
      rotationY: 0,
    });
    expect(
      deriveBins(r.facility)
        .map((b) => b.code)
        .slice(0, 3),
    ).toEqual(['A-02-1', 'A-02-2', 'A-02-3']);
  });

  it('reports a broken version 1 document against its own shape', () => {
    const errors = errorsOf({
      version: 1,
      id: 'old',
      name: 'Old',
      floors: [{ id: 'F1', name: 'G', width: 20, depth: 12 }],
      racks: [
        {
          id: 'R1',
          floorId: 'F1',
          aisle: 'A',
          face: 'right',
          x: 2,
          z: 2,
          firstBay: 1,
          bays: 5,
          bayWidth: 1,
          depth: 0.5,
          levels: 0,
          levelHeight: 0.45,
        },
      ],
    });
    expect(errors).toEqual(['racks[0].levels: must be >= 1']);
  });

  it('refuses unknown versions and non-documents without throwing', () => {
    expect(errorsOf({ ...doc(), version: 3 })).toEqual(['version: unsupported version 3 (supported: 1, 2)']);
    expect(errorsOf({ ...doc(), version: '2' })).toEqual([
      'version: unsupported version "2" (supported: 1, 2)',
    ]);
    expect(errorsOf({ name: 'no version' })).toEqual(['version: missing']);
    expect(errorsOf(null)).toEqual(['(root): must be a Facility document object']);
    expect(errorsOf([1, 2])).toEqual(['(root): must be a Facility document object']);
  });

  it('loads from text and refuses text that is not JSON', () => {
    expect(loadFacilityJson(JSON.stringify(doc())).ok).toBe(true);
    const r = loadFacilityJson('{"version": 2,');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^\(root\): not JSON: /);
  });

  it('formats paths with indices', () => {
    expect(formatPath(['racks', 12, 'levels', 3, 'height'])).toBe('racks[12].levels[3].height');
    expect(formatPath([])).toBe('(root)');
  });
});
