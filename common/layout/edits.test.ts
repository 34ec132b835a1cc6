import { describe, expect, test } from 'vitest';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { applyEdits, type LayoutEdit, rackCentre } from './edits.ts';
import { DEFAULT_LAYOUT_RULES } from './validate.ts';

const base = demoWarehouse();
const rules = DEFAULT_LAYOUT_RULES;
const rackA = base.racks[0];
if (rackA === undefined) throw new Error('the demo warehouse has racks');

function refused(edits: LayoutEdit[]): string[] {
  const r = applyEdits(base, edits, rules);
  if (r.ok) throw new Error('expected the edits to be refused');
  return r.reasons;
}

describe('scenario edits', () => {
  test('moving and rotating a rack keeps its centre where the planner put it; the base is untouched', () => {
    const before = JSON.stringify(base);
    const r = applyEdits(
      base,
      [
        { kind: 'removeRack', rackId: 'R-A-1-R' },
        { kind: 'moveRack', rackId: 'R-A-2-R', x: 7, z: 7 },
        { kind: 'rotateRack', rackId: 'R-A-2-R', rotationY: 0 },
      ],
      rules,
    );
    if (!r.ok) throw new Error(r.reasons.join('; '));
    const moved = r.facility.racks.find((x) => x.id === 'R-A-2-R');
    if (moved === undefined) throw new Error('rack vanished');
    expect(rackCentre(moved).x).toBeCloseTo(7, 6);
    expect(rackCentre(moved).z).toBeCloseTo(7, 6);
    expect(moved.origin.rotationY).toBe(0);
    expect(r.facility.racks.some((x) => x.id === 'R-A-1-R')).toBe(false);
    expect(JSON.stringify(base)).toBe(before);
  });

  test('a rack dropped onto another is refused, naming both', () => {
    const other = base.racks[1];
    if (other === undefined) throw new Error('no second rack');
    const c = rackCentre(other);
    const reasons = refused([{ kind: 'moveRack', rackId: rackA.id, x: c.x, z: c.z }]);
    expect(reasons.join(' ')).toContain(`overlaps rack ${other.id}`);
  });

  test('a rack pushed outside the floor is refused', () => {
    expect(refused([{ kind: 'moveRack', rackId: rackA.id, x: -5, z: 30 }]).join(' ')).toMatch(
      /outside the floor/,
    );
  });

  test('a rack in front of a fire exit is refused as blocking the keep-clear area', () => {
    const exit = base.keepClear.find((k) => k.reason === 'fire-exit');
    if (exit === undefined) throw new Error('no fire exit');
    const reasons = refused([{ kind: 'moveRack', rackId: 'R-A-1-R', x: exit.footprint.x, z: 8 }]);
    expect(reasons.join(' ')).toContain(`blocks keep-clear area ${exit.id} (fire exit)`);
  });

  test('an aisle narrowed below the minimum is refused with its new width', () => {
    const reasons = refused([{ kind: 'setAisleWidth', aisleId: 'AISLE-B', width: 1 }]);
    expect(reasons.join(' ')).toContain('aisle B would be 1 m wide; the minimum is 1.2 m');
  });

  test('widening an aisle with no room behind its racks is refused as an overlap; narrowing within the rule is fine', () => {
    expect(refused([{ kind: 'setAisleWidth', aisleId: 'AISLE-B', width: 2.5 }]).join(' ')).toMatch(
      /overlaps rack/,
    );
    const ok = applyEdits(base, [{ kind: 'setAisleWidth', aisleId: 'AISLE-B', width: 1.3 }], rules);
    expect(ok.ok).toBe(true);
  });

  test('unknown racks, bins and duplicate item moves are refused with the reason', () => {
    expect(refused([{ kind: 'removeRack', rackId: 'R-NOPE' }])).toEqual(['there is no rack R-NOPE']);
    expect(refused([{ kind: 'moveItem', itemId: 1, fromBin: 'A-01-1', toBin: 'Q-01-1' }])[0]).toContain(
      'there is no bin Q-01-1',
    );
    expect(
      refused([
        { kind: 'moveItem', itemId: 1, fromBin: 'A-01-1', toBin: 'A-03-1' },
        { kind: 'moveItem', itemId: 1, fromBin: 'A-01-1', toBin: 'A-05-1' },
      ])[0],
    ).toContain('already being moved');
    // A bin removed by an earlier edit cannot receive stock.
    expect(
      refused([
        { kind: 'removeRack', rackId: 'R-A-1-R' },
        { kind: 'moveItem', itemId: 1, fromBin: 'B-01-1', toBin: 'A-02-1' },
      ])[0],
    ).toContain('there is no bin A-02-1');
  });

  test('moving the same stock twice continues the first move', () => {
    const r = applyEdits(
      base,
      [
        { kind: 'moveItem', itemId: 4, fromBin: 'A-01-1', toBin: 'A-03-1' },
        { kind: 'moveItem', itemId: 4, fromBin: 'A-03-1', toBin: 'A-05-1' },
      ],
      rules,
    );
    expect(r.ok && r.itemMoves).toEqual([{ itemId: 4, fromBin: 'A-01-1', toBin: 'A-05-1' }]);
  });
});
