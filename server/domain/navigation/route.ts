/**
 * Route results and turn-by-turn text. The polyline comes from the navmesh; the names come from the
 * document's aisle and cross-aisle footprints, which is how people on the floor give directions.
 *
 * Handedness: with Y up and three.js axes, someone walking along (dx, dz) has their right hand
 * towards (−dz, dx), so a positive dx₁·dz₂ − dz₁·dx₂ is a right turn.
 */
import { footprintCorners, type Point2, pointInQuad, type Quad } from '../../../twin-models/geometry.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import type { AccessPoint } from './targets.ts';

export type RouteStep = { text: string; distanceM: number; at: { x: number; z: number } };

export type RouteResult =
  | { ok: true; points: { x: number; z: number }[]; lengthM: number; steps: RouteStep[] }
  | { ok: false; reason: string };

export type Region = { kind: 'aisle' | 'cross-aisle'; name: string; quad: Quad };

/** Shorter pieces are corner-cutting between two named places, not a leg worth its own line. */
const MIN_LEG_M = 1.0;
const STRAIGHT_DEG = 20;
const BEAR_DEG = 55;
const AROUND_DEG = 150;

export function regionsOf(facility: Facility, floorId: string): Region[] {
  return facility.aisles
    .filter((a) => a.floorId === floorId)
    .map((a) => ({
      kind: a.kind,
      name: a.kind === 'aisle' ? `aisle ${a.letter ?? a.id}` : 'the cross-aisle',
      quad: footprintCorners(a.footprint),
    }));
}

export function polylineLength(points: readonly Point2[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    if (a !== undefined && b !== undefined) total += Math.hypot(b.x - a.x, b.z - a.z);
  }
  return total;
}

type Segment = { from: Point2; to: Point2; length: number; dx: number; dz: number; region: Region | null };

/** The region holding most of the segment; samples rather than clipping keep it cheap and simple. */
function dominantRegion(a: Point2, b: Point2, length: number, regions: readonly Region[]): Region | null {
  const n = Math.min(40, Math.max(3, Math.ceil(length / 0.5)));
  let best: Region | null = null;
  let bestCount = 0;
  for (const r of regions) {
    let count = 0;
    for (let i = 0; i < n; i++) {
      const t = (i + 0.5) / n;
      if (pointInQuad({ x: a.x + (b.x - a.x) * t, z: a.z + (b.z - a.z) * t }, r.quad)) count++;
    }
    if (count > bestCount) {
      best = r;
      bestCount = count;
    }
  }
  return bestCount * 2 > n ? best : null;
}

function segmentsOf(points: readonly Point2[], regions: readonly Region[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1];
    const to = points[i];
    if (from === undefined || to === undefined) continue;
    const length = Math.hypot(to.x - from.x, to.z - from.z);
    if (length < 0.01) continue;
    out.push({
      from,
      to,
      length,
      dx: (to.x - from.x) / length,
      dz: (to.z - from.z) / length,
      region: dominantRegion(from, to, length, regions),
    });
  }
  // Short corner-cutting pieces inherit their predecessor's name so they do not split a leg.
  for (let i = 0; i < out.length; i++) {
    const s = out[i];
    if (s === undefined || s.length >= MIN_LEG_M) continue;
    const prev = out[i - 1];
    const next = out[i + 1];
    s.region = prev !== undefined ? prev.region : (next?.region ?? s.region);
  }
  return out;
}

/** Signed turn in degrees from direction 1 to direction 2; positive is to the right. */
function turnDeg(dx1: number, dz1: number, dx2: number, dz2: number): number {
  const cross = dx1 * dz2 - dz1 * dx2;
  const dot = dx1 * dx2 + dz1 * dz2;
  return (Math.atan2(cross, dot) * 180) / Math.PI;
}

function metres(d: number): string {
  return `${Math.max(1, Math.round(d))} m`;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

type Leg = { segments: Segment[]; region: Region | null; length: number };

function legsOf(segments: readonly Segment[]): Leg[] {
  const legs: Leg[] = [];
  let current: Leg | null = null;
  let last: Segment | null = null;
  for (const s of segments) {
    const bend = last === null ? 0 : Math.abs(turnDeg(last.dx, last.dz, s.dx, s.dz));
    // Inside a named aisle small jogs are still "along the aisle"; in open floor any real bend counts.
    const limit = s.region !== null && current?.region === s.region ? BEAR_DEG : STRAIGHT_DEG;
    const split = current === null || current.region !== s.region || bend > limit;
    // A short corner-cutting piece belongs to the leg it leaves, whatever its angle.
    if (current === null || (split && s.length >= MIN_LEG_M)) {
      current = { segments: [s], region: s.region, length: s.length };
      legs.push(current);
    } else {
      current.segments.push(s);
      current.length += s.length;
    }
    last = s;
  }
  return legs;
}

function turnText(deg: number, next: Region | null): string | null {
  const a = Math.abs(deg);
  if (a < STRAIGHT_DEG) return null;
  const side = deg > 0 ? 'right' : 'left';
  const verb = a >= AROUND_DEG ? 'Turn around' : a < BEAR_DEG ? `Bear ${side}` : `Turn ${side}`;
  if (next === null) return verb;
  return next.kind === 'aisle' ? `${verb} into ${next.name}` : `${verb} at ${next.name}`;
}

function arrivalText(access: AccessPoint, end: Point2, last: Segment | undefined): string {
  const levelText = access.level === null ? '' : `, level ${access.level}`;
  if (access.look === null) return 'You have arrived';
  const vx = access.look.x - end.x;
  const vz = access.look.z - end.z;
  if (last === undefined || Math.hypot(vx, vz) < 0.05) return `${access.label} is here${levelText}`;
  const ahead = last.dx * vx + last.dz * vz;
  const right = -last.dz * vx + last.dx * vz;
  let where: string;
  if (Math.abs(right) >= Math.abs(ahead) * 0.5) where = right > 0 ? 'on your right' : 'on your left';
  else where = ahead > 0 ? 'ahead' : 'behind you';
  return `${access.label} is ${where}${levelText}`;
}

/**
 * Steps for a polyline: a walk per leg, a turn (distance 0) between legs that change direction, and
 * an arrival line (distance 0), so step distances sum to the route length.
 */
export function describeRoute(
  points: readonly Point2[],
  regions: readonly Region[],
  arrival: AccessPoint,
): RouteStep[] {
  const segments = segmentsOf(points, regions);
  const steps: RouteStep[] = [];
  let prev: Leg | null = null;
  for (const leg of legsOf(segments)) {
    const first = leg.segments[0];
    if (first === undefined) continue;
    const at = { x: round2(first.from.x), z: round2(first.from.z) };
    const lastSeg: Segment | undefined = prev?.segments[prev.segments.length - 1];
    if (lastSeg !== undefined) {
      const text = turnText(turnDeg(lastSeg.dx, lastSeg.dz, first.dx, first.dz), leg.region);
      if (text !== null) steps.push({ text, distanceM: 0, at });
    }
    const where = leg.region === null ? '' : ` along ${leg.region.name}`;
    steps.push({ text: `Walk ${metres(leg.length)}${where}`, distanceM: round2(leg.length), at });
    prev = leg;
  }
  const end = points[points.length - 1] ?? { x: 0, z: 0 };
  steps.push({
    text: arrivalText(arrival, end, segments[segments.length - 1]),
    distanceM: 0,
    at: { x: round2(end.x), z: round2(end.z) },
  });
  return steps;
}
