import { beforeEach, describe, expect, it } from 'vitest';
import { applyTransform, type RigidTransform, transformError } from './alignment.ts';
import { buildTrack, locate } from './guidance.ts';
import { guideActions, guideStore, setMarkerPoses } from './guide-store.ts';
import { live, resetLive } from './live.ts';

const TRUTH: RigidTransform = { yaw: 0.7, tx: -3, ty: 0, tz: 8 };
const at = (p: { x: number; y: number; z: number }) => applyTransform(TRUTH, p, { x: 0, y: 0, z: 0 });

describe('guide store: alignment and what the overlay shows', () => {
  beforeEach(() => {
    guideActions.reset();
    resetLive();
    setMarkerPoses(
      new Map([
        ['TM-1', { position: { x: 2, y: 1.4, z: 14 }, yaw: Math.PI, size: 0.2 }],
        ['TM-2', { position: { x: 20, y: 1.4, z: 14 }, yaw: Math.PI, size: 0.2 }],
      ]),
    );
    guideActions.session({ type: 'start', mode: 'ar' });
    guideActions.session({ type: 'started' });
  });

  it('a marker aligns; a later marker re-aligns and resets staleness', () => {
    expect(
      guideActions.markerObserved(
        'TM-1',
        { position: at({ x: 2, y: 1.4, z: 14 }), yaw: Math.PI + 0.7 },
        1000,
      ),
    ).toBe(true);
    const first = guideStore.getState().alignment;
    expect(first?.source).toEqual({ kind: 'marker', code: 'TM-1' });
    expect(transformError(first?.transform ?? TRUTH, TRUTH, { x: 30, y: 0, z: 60 }).metres).toBeLessThan(
      0.01,
    );
    live.walkedM = 12.5;
    guideActions.tick(31_000);
    expect(guideStore.getState().display.staleS).toBe(30);
    expect(guideStore.getState().display.walkedSinceFixM).toBeCloseTo(12.5, 6);
    guideActions.markerObserved(
      'TM-2',
      { position: at({ x: 20, y: 1.4, z: 14 }), yaw: Math.PI + 0.7 },
      31_000,
    );
    guideActions.tick(32_000);
    expect(guideStore.getState().alignment?.source).toEqual({ kind: 'marker', code: 'TM-2' });
    expect(guideStore.getState().display.staleS).toBe(1);
    expect(guideStore.getState().display.walkedSinceFixM).toBe(0);
  });

  it('an unknown code does not align and says why', () => {
    expect(guideActions.markerObserved('NOPE', { position: { x: 0, y: 0, z: 0 }, yaw: 0 }, 0)).toBe(false);
    expect(guideStore.getState().alignment).toBeNull();
    expect(guideStore.getState().notice).toContain('NOPE');
  });

  it('manual alignment: two tapped floor points recover the transform', () => {
    const a = { x: 2, y: 0, z: 14 };
    const b = { x: 20, y: 0, z: 14 };
    guideActions.startManual([
      { label: 'below TM-1', point: a },
      { label: 'below TM-2', point: b },
    ]);
    guideActions.manualTap(at(a), 5);
    expect(guideStore.getState().alignment).toBeNull();
    expect(guideStore.getState().manual?.tapped).toHaveLength(1);
    guideActions.manualTap(at(b), 6);
    const s = guideStore.getState();
    expect(s.manual).toBeNull();
    expect(s.alignment?.source).toEqual({ kind: 'manual' });
    const err = transformError(s.alignment?.transform ?? TRUTH, TRUTH, { x: 30, y: 0, z: 60 });
    expect(err.metres).toBeLessThan(0.01);
    expect(err.degrees).toBeLessThan(0.5);
  });

  it('records each cue once, as it comes due', () => {
    live.track = buildTrack(
      [
        { x: 0, z: 0 },
        { x: 0, z: 10 },
        { x: 5, z: 10 },
      ],
      [
        { text: 'Walk 10 m', distanceM: 10, at: { x: 0, z: 0 } },
        { text: 'Turn left', distanceM: 0, at: { x: 0, z: 10 } },
        { text: 'Walk 5 m', distanceM: 5, at: { x: 0, z: 10 } },
        { text: 'Bin X is here', distanceM: 0, at: { x: 5, z: 10 } },
      ],
    );
    live.hasPosition = true;
    for (const [x, z] of [
      [0, 1],
      [0, 7],
      [0, 8],
      [0, 9.5],
      [2, 10],
      [4.5, 10],
      [4.8, 10],
    ] as const) {
      live.x = x;
      live.z = z;
      locate(live.track, x, z, live.progress, live.progress.cue);
      guideActions.tick(0);
    }
    expect(guideStore.getState().fired).toEqual(['Turn left', 'Bin X is here']);
    expect(guideStore.getState().display.arrived).toBe(true);
  });

  it('a session that ends forgets its alignment (the next one has its own XR space)', () => {
    guideActions.markerObserved('TM-1', { position: at({ x: 2, y: 1.4, z: 14 }), yaw: Math.PI + 0.7 }, 0);
    guideActions.session({ type: 'ended' });
    expect(guideStore.getState().alignment).toBeNull();
    expect(guideStore.getState().phase).toEqual({ kind: 'idle' });
  });
});
