import { describe, expect, it } from 'vitest';
import {
  ARRIVAL_M,
  buildTrack,
  cueDue,
  emptyProgress,
  locate,
  REROUTE_EVERY_MS,
  shouldReroute,
} from './guidance.ts';

// An L-shaped route: 10 m north along x = 0, then 6 m east, as the server would describe it.
const POINTS = [
  { x: 0, z: 0 },
  { x: 0, z: 10 },
  { x: 6, z: 10 },
];
const STEPS = [
  { text: 'Walk 10 m along aisle A', distanceM: 10, at: { x: 0, z: 0 } },
  { text: 'Turn left at the cross-aisle', distanceM: 0, at: { x: 0, z: 10 } },
  { text: 'Walk 6 m', distanceM: 6, at: { x: 0, z: 10 } },
  { text: 'Bin A-01-1 is on your right, level 1', distanceM: 0, at: { x: 6, z: 10 } },
];

describe('guidance along a route', () => {
  const track = buildTrack(POINTS, STEPS);

  it('keeps turns and the arrival as cues, at their distance along the route', () => {
    expect(track.lengthM).toBe(16);
    expect(track.cues.map((c) => [c.kind, c.text, c.along])).toEqual([
      ['turn', 'Turn left at the cross-aisle', 10],
      ['arrive', 'Bin A-01-1 is on your right, level 1', 16],
    ]);
  });

  it('walks the route: the turn comes due near the corner, then arrival within 1.5 m', () => {
    const p = emptyProgress();
    let cue = -1;
    const seen: string[] = [];
    for (let z = 0; z <= 10; z += 0.5) {
      locate(track, 0.2, z, p, cue);
      cue = p.cue;
      if (cueDue(p)) seen.push(track.cues[p.cue]?.text ?? '');
      expect(p.arrived).toBe(false);
    }
    expect(seen[0]).toBe('Turn left at the cross-aisle');
    locate(track, 2, 10, p, cue);
    expect(track.cues[p.cue]?.kind).toBe('arrive');
    expect(p.remainingM).toBeCloseTo(4, 6);
    locate(track, 6 - ARRIVAL_M + 0.1, 10.2, p, p.cue);
    expect(p.arrived).toBe(true);
    expect(cueDue(p)).toBe(true);
  });

  it('does not go back to a passed cue when the user steps back a little', () => {
    const p = emptyProgress();
    locate(track, 0, 10, p, -1);
    locate(track, 3, 10, p, p.cue);
    const after = p.cue;
    locate(track, 0, 9, p, after);
    expect(p.cue).toBe(after);
  });

  it('asks for a new route when the user leaves it, at most every few seconds', () => {
    const p = emptyProgress();
    locate(track, 5, 3, p, -1);
    expect(p.offRouteM).toBeCloseTo(5, 6);
    expect(shouldReroute(p, 10_000, 0)).toBe(true);
    expect(shouldReroute(p, 10_000, 10_000 - REROUTE_EVERY_MS + 1)).toBe(false);
    locate(track, 0.5, 3, p, -1);
    expect(shouldReroute(p, 10_000, 0)).toBe(false);
  });

  it('locate allocates nothing: the same object comes back', () => {
    const p = emptyProgress();
    expect(locate(track, 1, 1, p, -1)).toBe(p);
  });
});
