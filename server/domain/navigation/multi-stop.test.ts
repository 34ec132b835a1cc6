import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../twin-models/generate/random.ts';
import { deriveBins } from '../../../twin-models/geometry.ts';
import { demoWarehouse } from '../../../twin-models/samples/index.ts';
import { orderStops } from './multi-stop.ts';
import { buildNavigator, type Navigator } from './navmesh.ts';
import type { Target } from './targets.ts';

describe('orderStops on the demo warehouse', () => {
  let nav: Navigator;
  const bins = deriveBins(demoWarehouse());
  beforeAll(async () => {
    nav = await buildNavigator(demoWarehouse());
  });
  afterAll(() => nav.dispose());

  const pick = (rnd: () => number, n: number): Target[] =>
    Array.from({ length: n }, () => ({
      kind: 'bin',
      code: bins[Math.floor(rnd() * bins.length)]?.code ?? '',
    }));
  const start: Target = { kind: 'point', x: 18, z: 8 };
  /** The length of walking the targets in the given order, leg by leg. */
  const walked = (seq: readonly Target[]): number => {
    let length = 0;
    for (let i = 1; i < seq.length; i++) {
      const a = seq[i - 1];
      const b = seq[i];
      if (a === undefined || b === undefined) continue;
      const leg = nav.route(a, b);
      if (!leg.ok) throw new Error(leg.reason);
      length += leg.lengthM;
    }
    return length;
  };

  it('visits every stop once and never beats the given order by walking further', () => {
    const rnd = mulberry32(7).next;
    for (let trial = 0; trial < 12; trial++) {
      const stops = pick(rnd, 3 + (trial % 8));
      const end = trial % 2 === 0 ? start : undefined;
      const { order, route } = orderStops(nav, start, stops, end);
      if (!route.ok) throw new Error(route.reason);
      expect([...order].sort((a, b) => a - b)).toEqual(stops.map((_, i) => i));
      const givenLength = walked([start, ...stops, ...(end === undefined ? [] : [end])]);
      expect(route.lengthM).toBeLessThanOrEqual(givenLength + 1e-6);
      // One arrival line per stop (plus the end).
      expect(route.steps.filter((s) => s.text.startsWith('Bin ')).length).toBe(stops.length);
    }
  });

  it('orders a long pick list, beyond the exact solver, into a shorter walk than the given order', () => {
    const stops = pick(mulberry32(3).next, 25);
    const { order, route } = orderStops(nav, start, stops, start);
    if (!route.ok) throw new Error(route.reason);
    expect([...order].sort((a, b) => a - b)).toEqual(stops.map((_, i) => i));
    const givenLength = walked([start, ...stops, start]);
    // Random order over the whole warehouse is several times the optimised walk.
    expect(route.lengthM).toBeLessThan(givenLength * 0.6);
    expect(orderStops(nav, start, stops, start).order).toEqual(order);
  });

  it('is deterministic', () => {
    const stops = pick(mulberry32(99).next, 9);
    const a = orderStops(nav, start, stops);
    const b = orderStops(nav, start, stops);
    expect(a).toEqual(b);
  });

  it('sorts stops spread along one aisle into walking order', () => {
    const stops: Target[] = ['A-41-1', 'A-03-1', 'A-21-1', 'A-11-1'].map((code) => ({ kind: 'bin', code }));
    const { order } = orderStops(nav, { kind: 'bin', code: 'A-01-1' }, stops);
    expect(order).toEqual([1, 3, 2, 0]);
  });

  it('reports a stop that does not exist', () => {
    const { route } = orderStops(nav, start, [{ kind: 'bin', code: 'Q-01-1' }]);
    expect(route).toEqual({ ok: false, reason: 'no bin Q-01-1' });
  });
});
