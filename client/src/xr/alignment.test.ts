import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../twin-models/generate/random.ts';
import {
  alignFromMarker,
  alignFromPoints,
  applyTransform,
  invertTransform,
  markerPoseFromDetection,
  type RigidTransform,
  transformError,
  type Vec3,
  wrapAngle,
} from './alignment.ts';

const DEG = Math.PI / 180;
const at = (t: RigidTransform, p: Vec3) => applyTransform(t, p, { x: 0, y: 0, z: 0 });

/** The far corner of a 40 × 70 m warehouse: errors in heading show up most there. */
const FAR = { x: 40, y: 0, z: 70 };

const TRUTHS: RigidTransform[] = [
  { yaw: 0, tx: 0, ty: 0, tz: 0 },
  { yaw: 30 * DEG, tx: 1.2, ty: 0, tz: -2.5 },
  { yaw: -135 * DEG, tx: -17.3, ty: 0.02, tz: 44.1 },
  { yaw: 179.5 * DEG, tx: 5, ty: -0.1, tz: 5 },
];

describe('alignment: marker pose', () => {
  it.each(TRUTHS)('recovers yaw %# exactly from a perfect observation', (truth) => {
    const twin = { position: { x: 2.3, y: 1.4, z: 14 }, yaw: Math.PI };
    const observed = { position: at(truth, twin.position), yaw: twin.yaw + truth.yaw };
    const found = alignFromMarker(twin, observed);
    const err = transformError(found, truth, FAR);
    expect(err.metres).toBeLessThan(0.01);
    expect(err.degrees).toBeLessThan(0.5);
  });

  it('stays within 1 cm at the marker and 0.5° with 0.2° / 3 mm of detector noise', () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 200; i++) {
      const truth = TRUTHS[i % TRUTHS.length] ?? TRUTHS[0];
      if (truth === undefined) throw new Error('no truth');
      const twin = { position: { x: rng.range(0, 40), y: 1.4, z: rng.range(0, 70) }, yaw: rng.range(-3, 3) };
      const exact = at(truth, twin.position);
      const noise = () => rng.range(-0.003, 0.003);
      const observed = {
        position: { x: exact.x + noise(), y: exact.y + noise(), z: exact.z + noise() },
        yaw: twin.yaw + truth.yaw + rng.range(-0.2, 0.2) * DEG,
      };
      const found = alignFromMarker(twin, observed);
      const err = transformError(found, truth, twin.position);
      expect(err.metres).toBeLessThan(0.01);
      expect(err.degrees).toBeLessThan(0.5);
    }
  });

  it('inverts: twin → xr → twin is the identity', () => {
    const t = TRUTHS[2] ?? TRUTHS[0];
    if (t === undefined) throw new Error('no truth');
    const back = at(invertTransform(t), at(t, FAR));
    expect(Math.hypot(back.x - FAR.x, back.y - FAR.y, back.z - FAR.z)).toBeLessThan(1e-9);
  });
});

describe('alignment: two floor points', () => {
  it.each(TRUTHS)('recovers transform %# from two exact points', (truth) => {
    const a = { x: 2.3, y: 0, z: 14 };
    const b = { x: 30.1, y: 0, z: 14 };
    const found = alignFromPoints([
      { twin: a, xr: at(truth, a) },
      { twin: b, xr: at(truth, b) },
    ]);
    expect(found).not.toBeNull();
    if (found === null) return;
    const err = transformError(found, truth, FAR);
    expect(err.metres).toBeLessThan(0.01);
    expect(err.degrees).toBeLessThan(0.5);
  });

  it('with up to 7 mm of tap noise per axis on points 20 m apart: within 1 cm and 0.5°', () => {
    const rng = mulberry32(11);
    let worstDeg = 0;
    for (let i = 0; i < 200; i++) {
      const truth: RigidTransform = {
        yaw: rng.range(-Math.PI, Math.PI),
        tx: rng.range(-20, 20),
        ty: 0,
        tz: rng.range(-20, 20),
      };
      const a = { x: rng.range(0, 10), y: 0, z: rng.range(0, 60) };
      const b = { x: a.x + 20, y: 0, z: a.z };
      const noisy = (p: Vec3) => {
        const q = at(truth, p);
        return { x: q.x + rng.range(-0.007, 0.007), y: q.y, z: q.z + rng.range(-0.007, 0.007) };
      };
      const found = alignFromPoints([
        { twin: a, xr: noisy(a) },
        { twin: b, xr: noisy(b) },
      ]);
      if (found === null) throw new Error('points 20 m apart must align');
      const mid = { x: (a.x + b.x) / 2, y: 0, z: (a.z + b.z) / 2 };
      const err = transformError(found, truth, mid);
      // Averaging the two taps halves their noise at the midpoint.
      expect(err.metres).toBeLessThan(0.01);
      expect(err.degrees).toBeLessThan(0.5);
      worstDeg = Math.max(worstDeg, err.degrees);
    }
    expect(worstDeg).toBeGreaterThan(0);
  });

  it('refuses points too close together to give a heading', () => {
    const p = { x: 1, y: 0, z: 1 };
    expect(alignFromPoints([{ twin: p, xr: p }])).toBeNull();
    expect(
      alignFromPoints([
        { twin: p, xr: p },
        { twin: { x: 1.2, y: 0, z: 1 }, xr: { x: 1.2, y: 0, z: 1 } },
      ]),
    ).toBeNull();
  });

  it('least squares over more points beats any single noisy pair', () => {
    const rng = mulberry32(3);
    const truth: RigidTransform = { yaw: 12 * DEG, tx: 3, ty: 0, tz: -4 };
    const twinPts = Array.from({ length: 8 }, (_, i) => ({
      x: (i % 4) * 10,
      y: 0,
      z: Math.floor(i / 4) * 30,
    }));
    const pairs = twinPts.map((p) => {
      const q = at(truth, p);
      return { twin: p, xr: { x: q.x + rng.range(-0.05, 0.05), y: 0, z: q.z + rng.range(-0.05, 0.05) } };
    });
    const found = alignFromPoints(pairs);
    if (found === null) throw new Error('must align');
    expect(transformError(found, truth, FAR).degrees).toBeLessThan(0.2);
    expect(transformError(found, truth, { x: 15, y: 0, z: 15 }).metres).toBeLessThan(0.05);
  });
});

describe('marker pose from one camera detection', () => {
  it('places a centred code straight ahead at the distance its size implies, facing back', () => {
    // Head at the origin looking along -Z (yaw 0); a 0.2 m code 400 px wide in a 1000 px, 60° image.
    const pose = markerPoseFromDetection({
      head: { x: 0, y: 1.6, z: 0 },
      headYaw: 0,
      centreXPx: 500,
      sidePx: 400,
      imageWidthPx: 1000,
      hfovRad: 60 * DEG,
      markerSizeM: 0.2,
      markerHeightM: 1.4,
    });
    const expected = (0.2 * 500) / (Math.tan(30 * DEG) * 400);
    expect(pose.position.x).toBeCloseTo(0, 6);
    expect(pose.position.z).toBeCloseTo(-expected, 6);
    expect(pose.position.y).toBe(1.4);
    // The printed face looks back at the viewer, along +Z.
    expect(Math.abs(wrapAngle(pose.yaw))).toBeLessThan(1e-9);
  });

  it('a code right of centre lies to the right of the view direction', () => {
    const pose = markerPoseFromDetection({
      head: { x: 0, y: 1.6, z: 0 },
      headYaw: 0,
      centreXPx: 900,
      sidePx: 200,
      imageWidthPx: 1000,
      hfovRad: 60 * DEG,
      markerSizeM: 0.2,
      markerHeightM: 1.4,
    });
    expect(pose.position.x).toBeGreaterThan(0);
    expect(pose.position.z).toBeLessThan(0);
  });
});
