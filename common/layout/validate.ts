/**
 * What makes a layout unusable for people and trucks, in words a planner can act on: racks that
 * overlap, stand outside the floor, stand on something (a dock, a workstation, a column), block a
 * keep-clear area, or leave an aisle narrower than the site's minimum.
 */
import {
  assetCorners,
  footprintCorners,
  type Quad,
  quadBounds,
  quadInsideBounds,
  quadsOverlap,
  rackCorners,
  rotateY,
  wallCorners,
} from '../../twin-models/geometry.ts';
import { type Facility, facilityIssues } from '../../twin-models/schema.ts';

export type LayoutRules = {
  /** Clear width an aisle must keep, in metres (a picker with a trolley; set per site). */
  minAisleWidthM: number;
};

export const DEFAULT_LAYOUT_RULES: LayoutRules = { minAisleWidthM: 1.2 };

/** `subject` names the thing the problem is about, so a problem the base already had is recognised. */
export type LayoutProblem = { subject: string; message: string };

const fmt = (v: number): string => String(Math.round(v * 100) / 100);

export function layoutProblems(f: Facility, rules: LayoutRules): LayoutProblem[] {
  const out: LayoutProblem[] = [];
  const floors = new Map(f.floors.map((fl) => [fl.id, fl]));
  const racks = f.racks.map((r) => ({ r, q: rackCorners(r), b: quadBounds(rackCorners(r)) }));
  const blockers: { floorId: string; label: string; q: Quad }[] = [
    ...f.docks.map((d) => ({
      floorId: d.floorId,
      label: `dock ${d.code}`,
      q: footprintCorners(d.footprint),
    })),
    ...f.workstations.map((w) => ({ floorId: w.floorId, label: w.name, q: footprintCorners(w.footprint) })),
    ...f.obstacles.map((o) => ({
      floorId: o.floorId,
      label: `${o.kind} ${o.id}`,
      q: footprintCorners(o.footprint),
    })),
    ...f.walls.map((w) => ({ floorId: w.floorId, label: `wall ${w.id}`, q: wallCorners(w) })),
    ...f.assets.map((a) => ({ floorId: a.floorId, label: a.name, q: assetCorners(a) })),
  ];

  racks.forEach(({ r, q, b }, i) => {
    const floor = floors.get(r.floorId);
    if (floor === undefined) {
      out.push({ subject: r.id, message: `rack ${r.id} is on an unknown floor ${r.floorId}` });
      return;
    }
    if (!quadInsideBounds(q, { minX: 0, maxX: floor.width, minZ: 0, maxZ: floor.depth })) {
      out.push({
        subject: r.id,
        message: `rack ${r.id} is outside the floor (x ${fmt(b.minX)}..${fmt(b.maxX)}, z ${fmt(b.minZ)}..${fmt(b.maxZ)}; the floor is ${fmt(floor.width)} x ${fmt(floor.depth)} m)`,
      });
    }
    for (let k = i + 1; k < racks.length; k++) {
      const o = racks[k];
      if (o === undefined || o.r.floorId !== r.floorId) continue;
      if (o.b.minX >= b.maxX || o.b.maxX <= b.minX || o.b.minZ >= b.maxZ || o.b.maxZ <= b.minZ) continue;
      if (quadsOverlap(q, o.q))
        out.push({ subject: `${r.id}|${o.r.id}`, message: `rack ${r.id} overlaps rack ${o.r.id}` });
    }
    for (const k of f.keepClear) {
      if (k.floorId === r.floorId && quadsOverlap(q, footprintCorners(k.footprint)))
        out.push({
          subject: `${r.id}|${k.id}`,
          message: `rack ${r.id} blocks keep-clear area ${k.id} (${k.reason.replace('-', ' ')})`,
        });
    }
    for (const x of blockers) {
      if (x.floorId === r.floorId && quadsOverlap(q, x.q))
        out.push({ subject: `${r.id}|${x.label}`, message: `rack ${r.id} stands on ${x.label}` });
    }
  });

  for (const a of f.aisles) {
    const clear = clearWidth(
      a.footprint,
      racks.filter((x) => x.r.floorId === a.floorId).map((x) => x.q),
    );
    const name = a.kind === 'aisle' && a.letter !== undefined ? `aisle ${a.letter}` : `cross-aisle ${a.id}`;
    if (clear + 1e-6 < rules.minAisleWidthM)
      out.push({
        subject: a.id,
        message: `${name} would be ${fmt(clear)} m wide; the minimum is ${fmt(rules.minAisleWidthM)} m`,
      });
  }

  // The document's own rules (duplicate ids, duplicate bin codes) still hold for a scenario.
  for (const issue of facilityIssues(f)) {
    if (issue.message.startsWith('duplicate'))
      out.push({ subject: issue.path.join('.'), message: `${issue.path.join('.')}: ${issue.message}` });
  }
  return out;
}

/**
 * Widest free strip across an aisle (its narrow dimension) once the racks standing in it are taken
 * out. Conservative: a rack reaching into any part of the aisle's length narrows the whole aisle.
 */
export function clearWidth(
  fp: { x: number; z: number; width: number; depth: number; rotationY: number },
  racks: readonly Quad[],
): number {
  const alongX = fp.width <= fp.depth;
  const width = alongX ? fp.width : fp.depth;
  const axis = alongX ? rotateY(1, 0, fp.rotationY) : rotateY(0, 1, fp.rotationY);
  const aisle = footprintCorners(fp);
  const taken: [number, number][] = [];
  for (const q of racks) {
    if (!quadsOverlap(aisle, q)) continue;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const p of q) {
      const v = (p.x - fp.x) * axis.x + (p.z - fp.z) * axis.z;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    taken.push([Math.max(lo, -width / 2), Math.min(hi, width / 2)]);
  }
  taken.sort((a, b) => a[0] - b[0]);
  let best = 0;
  let at = -width / 2;
  for (const [lo, hi] of taken) {
    if (lo > at) best = Math.max(best, lo - at);
    at = Math.max(at, hi);
  }
  return Math.max(best, width / 2 - at);
}
