/**
 * The Facility document, version 2: the static description of a building that the digital twin
 * renders and the inventory addresses. Metres, Y up; see geometry.ts for axes and rack frames.
 *
 * Racks are stored compactly (origin, bay width, depth, level heights, bay count) and bins are
 * derived, so a 50,000-bin distribution centre is a few hundred rack objects, and a bin's code can
 * never disagree with its position.
 */
import { z } from 'zod';
import {
  assetCorners,
  type Bounds2,
  footprintCorners,
  type Quad,
  quadBounds,
  quadInsideBounds,
  quadsOverlap,
  rackBinCodes,
  rackCorners,
} from './geometry.ts';

export const FACILITY_VERSION = 2;

const positive = z.number().gt(0, { error: 'must be > 0' });
const id = z.string().min(1, { error: 'must not be empty' });
const floorRef = z.string().min(1, { error: 'must name a floor' });

export const Vec3Schema = z.strictObject({ x: z.number(), y: z.number(), z: z.number() });
export const Point2Schema = z.strictObject({ x: z.number(), z: z.number() });

/** Position of the thing's reference point (floor coordinates, y above the floor) and its heading. */
export const PoseSchema = z.strictObject({
  position: Vec3Schema,
  /** Radians about +Y, three.js convention. */
  rotationY: z.number().default(0),
});

/** A rectangle on the floor: centre, width along its local X, depth along local Z, heading. */
export const FootprintSchema = z.strictObject({
  x: z.number(),
  z: z.number(),
  width: positive,
  depth: positive,
  rotationY: z.number().default(0),
});

/** Floors are rectangles x ∈ [0, width], z ∈ [0, depth]; irregular buildings use walls and obstacles. */
export const FloorSchema = z.strictObject({
  id,
  name: z.string(),
  elevation: z.number().default(0),
  width: positive,
  depth: positive,
});

export const WallSchema = z.strictObject({
  id,
  floorId: floorRef,
  from: Point2Schema,
  to: Point2Schema,
  thickness: positive,
  height: positive,
});

export const ObstacleSchema = z.strictObject({
  id,
  floorId: floorRef,
  kind: z.enum(['column', 'pillar', 'pipe-riser', 'electrical-panel', 'equipment', 'other']),
  footprint: FootprintSchema,
  height: positive,
});

export const ZoneSchema = z.strictObject({
  id,
  floorId: floorRef,
  name: z.string(),
  kind: z.enum(['storage', 'staging', 'goods-in', 'goods-out', 'plant', 'workshop', 'office', 'quarantine']),
  footprint: FootprintSchema,
});

export const AisleSchema = z.strictObject({
  id,
  floorId: floorRef,
  kind: z.enum(['aisle', 'cross-aisle']),
  /** The rack aisle letter for kind 'aisle'; cross-aisles have none. */
  letter: z.string().optional(),
  footprint: FootprintSchema,
});

export const RackLevelSchema = z.strictObject({ height: positive });

export const RackSchema = z.strictObject({
  id,
  floorId: floorRef,
  aisle: z.string().regex(/^[A-Z]{1,3}$/, { error: 'must be 1 to 3 capital letters' }),
  /** Which side of the aisle the rack stands on, for a picker walking towards higher bay numbers. */
  face: z.enum(['left', 'right']),
  /** 'odd-even': left face odd, right face even (facing bays share a position). 'sequential': 1, 2, 3. */
  numbering: z.enum(['odd-even', 'sequential']).default('odd-even'),
  /** Aisle-side corner at the start of the first bay; position.y is the underside of level 1. */
  origin: PoseSchema,
  /** 1-based position along the aisle of this rack's first bay (racks split by cross-aisles continue). */
  firstBay: z.int().gte(1, { error: 'must be >= 1' }),
  bays: z.int().gte(1, { error: 'must be >= 1' }),
  bayWidth: positive,
  depth: positive,
  /** Bottom to top. */
  levels: z.array(RackLevelSchema).min(1, { error: 'must have at least one level' }),
  /** Litres per bin when not the nominal volume (e.g. a tote that does not fill the shelf). */
  binCapacity: positive.optional(),
});

export const DockSchema = z.strictObject({
  id,
  floorId: floorRef,
  code: z.string().min(1, { error: 'must not be empty' }),
  /** The apron inside the door: where a lorry is unloaded. */
  footprint: FootprintSchema,
});

export const WorkstationSchema = z.strictObject({
  id,
  floorId: floorRef,
  name: z.string(),
  kind: z.enum(['packing', 'workbench', 'goods-in-desk', 'charging', 'other']),
  footprint: FootprintSchema,
});

/** Where a register asset (pump, boiler, AHU, ...) stands; pose is the centre of its base. */
export const AssetPlacementSchema = z.strictObject({
  id,
  floorId: floorRef,
  /** Tag of the asset in the register, the join key to maintenance records. */
  assetTag: z.string().min(1, { error: 'must not be empty' }),
  kind: z.string().min(1, { error: 'must not be empty' }),
  name: z.string(),
  pose: PoseSchema,
  size: z.strictObject({ w: positive, h: positive, d: positive }),
});

export const KeepClearSchema = z.strictObject({
  id,
  floorId: floorRef,
  reason: z.enum(['fire-exit', 'electrical-panel', 'fire-equipment', 'eyewash', 'other']),
  footprint: FootprintSchema,
});

/** A printed code at a known pose; AR tracking recovers the device pose from it. Face looks along local +Z. */
export const MarkerSchema = z.strictObject({
  id,
  floorId: floorRef,
  code: z.string().min(1, { error: 'must not be empty' }),
  pose: PoseSchema,
  /** Printed side length in metres. */
  size: positive,
});

export const GeneratorInfoSchema = z.strictObject({
  name: z.string(),
  seed: z.int(),
  params: z.record(z.string(), z.unknown()),
});

export const FacilityObjectSchema = z.strictObject({
  version: z.literal(FACILITY_VERSION),
  id,
  name: z.string(),
  floors: z.array(FloorSchema).min(1, { error: 'must have at least one floor' }),
  walls: z.array(WallSchema).default([]),
  obstacles: z.array(ObstacleSchema).default([]),
  zones: z.array(ZoneSchema).default([]),
  aisles: z.array(AisleSchema).default([]),
  racks: z.array(RackSchema).default([]),
  docks: z.array(DockSchema).default([]),
  workstations: z.array(WorkstationSchema).default([]),
  assets: z.array(AssetPlacementSchema).default([]),
  keepClear: z.array(KeepClearSchema).default([]),
  markers: z.array(MarkerSchema).default([]),
  /** How a generated document was made, so it can be made again. */
  generator: GeneratorInfoSchema.optional(),
});

export type Facility = z.output<typeof FacilityObjectSchema>;
export type FacilityInput = z.input<typeof FacilityObjectSchema>;
export type Floor = z.output<typeof FloorSchema>;
export type Wall = z.output<typeof WallSchema>;
export type Obstacle = z.output<typeof ObstacleSchema>;
export type Zone = z.output<typeof ZoneSchema>;
export type Aisle = z.output<typeof AisleSchema>;
export type Rack = z.output<typeof RackSchema>;
export type Dock = z.output<typeof DockSchema>;
export type Workstation = z.output<typeof WorkstationSchema>;
export type AssetPlacement = z.output<typeof AssetPlacementSchema>;
export type KeepClear = z.output<typeof KeepClearSchema>;
export type Marker = z.output<typeof MarkerSchema>;
export type Footprint = z.output<typeof FootprintSchema>;
export type Pose = z.output<typeof PoseSchema>;

export type FacilityIssue = { path: (string | number)[]; message: string };

const COLLECTIONS = [
  'floors',
  'walls',
  'obstacles',
  'zones',
  'aisles',
  'racks',
  'docks',
  'workstations',
  'assets',
  'keepClear',
  'markers',
] as const;

const FOOTPRINTED = ['obstacles', 'zones', 'aisles', 'docks', 'workstations', 'keepClear'] as const;

function where(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/**
 * Cross-field rules zod's per-field checks cannot see. Returned rather than added to a context so
 * the rules can be unit-tested and reused by tools that lint a document being edited.
 */
export function facilityIssues(f: Facility): FacilityIssue[] {
  const issues: FacilityIssue[] = [];

  // One id namespace for the whole document: references (and the scene graph) never need a type tag.
  const seenIds = new Map<string, string>();
  for (const key of COLLECTIONS) {
    f[key].forEach((item, i) => {
      const first = seenIds.get(item.id);
      if (first !== undefined)
        issues.push({ path: [key, i, 'id'], message: `duplicate id "${item.id}" (first at ${first})` });
      else seenIds.set(item.id, where([key, i, 'id']));
    });
  }

  const floors = new Map<string, Bounds2>(
    f.floors.map((fl) => [fl.id, { minX: 0, maxX: fl.width, minZ: 0, maxZ: fl.depth }]),
  );
  /** `at` is the entity's path; `sub` the field the geometry came from, when it has its own. */
  const inside = (at: [string, number], sub: string | null, floorId: string, q: Quad, what: string): void => {
    const path = sub === null ? at : [...at, sub];
    const bounds = floors.get(floorId);
    if (bounds === undefined) {
      issues.push({ path: [...at, 'floorId'], message: `unknown floor "${floorId}"` });
      return;
    }
    if (!quadInsideBounds(q, bounds)) {
      const b = quadBounds(q);
      issues.push({
        path,
        message: `${what} x ${fmt(b.minX)}..${fmt(b.maxX)}, z ${fmt(b.minZ)}..${fmt(b.maxZ)} extends outside floor "${floorId}" (${fmt(bounds.maxX)} x ${fmt(bounds.maxZ)})`,
      });
    }
  };

  f.walls.forEach((w, i) => {
    if (w.from.x === w.to.x && w.from.z === w.to.z)
      issues.push({ path: ['walls', i, 'to'], message: 'must differ from from' });
    if (!floors.has(w.floorId))
      issues.push({ path: ['walls', i, 'floorId'], message: `unknown floor "${w.floorId}"` });
  });
  for (const key of FOOTPRINTED) {
    f[key].forEach((item, i) => {
      inside([key, i], 'footprint', item.floorId, footprintCorners(item.footprint), 'footprint');
    });
  }
  f.assets.forEach((a, i) => {
    inside(['assets', i], null, a.floorId, assetCorners(a), 'asset footprint');
  });
  f.markers.forEach((m, i) => {
    if (!floors.has(m.floorId))
      issues.push({ path: ['markers', i, 'floorId'], message: `unknown floor "${m.floorId}"` });
  });

  const rackQuads = f.racks.map(rackCorners);
  f.racks.forEach((r, i) => {
    inside(['racks', i], null, r.floorId, rackQuads[i] ?? rackCorners(r), 'rack footprint');
  });

  // Codes are the address printed on the shelf label; two bins with one code would split stock.
  const codeOwner = new Map<string, number>();
  f.racks.forEach((r, i) => {
    for (const code of rackBinCodes(r)) {
      const owner = codeOwner.get(code);
      if (owner !== undefined && owner !== i) {
        issues.push({
          path: ['racks', i],
          message: `derived bin code "${code}" duplicates one of racks[${owner}]`,
        });
        return; // one report per rack: a shifted firstBay would otherwise list every bin
      }
      codeOwner.set(code, i);
    }
  });

  uniqueField(issues, 'markers', f.markers, (m) => m.code, 'code');
  uniqueField(issues, 'docks', f.docks, (d) => d.code, 'code');

  // Sweep over x so a few thousand racks stay cheap.
  const boxes = rackQuads.map((q, i) => ({ i, q, b: quadBounds(q), floorId: f.racks[i]?.floorId }));
  boxes.sort((a, b) => a.b.minX - b.b.minX);
  for (let a = 0; a < boxes.length; a++) {
    const A = boxes[a];
    if (A === undefined) continue;
    for (let c = a + 1; c < boxes.length; c++) {
      const C = boxes[c];
      if (C === undefined || C.b.minX >= A.b.maxX) break;
      if (C.floorId !== A.floorId || C.b.minZ >= A.b.maxZ || C.b.maxZ <= A.b.minZ) continue;
      if (quadsOverlap(A.q, C.q)) {
        const [lo, hi] = A.i < C.i ? [A.i, C.i] : [C.i, A.i];
        issues.push({ path: ['racks', hi], message: `overlaps racks[${lo}]` });
      }
    }
  }

  f.keepClear.forEach((k, i) => {
    const q = footprintCorners(k.footprint);
    const b = quadBounds(q);
    for (const box of boxes) {
      if (box.floorId !== k.floorId || box.b.minX >= b.maxX || box.b.maxX <= b.minX) continue;
      if (box.b.minZ >= b.maxZ || box.b.maxZ <= b.minZ) continue;
      if (quadsOverlap(q, box.q)) {
        issues.push({ path: ['keepClear', i, 'footprint'], message: `overlaps racks[${box.i}]` });
      }
    }
  });

  return issues;
}

function uniqueField<T>(
  issues: FacilityIssue[],
  key: string,
  items: readonly T[],
  get: (t: T) => string,
  field: string,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const v = get(item);
    const first = seen.get(v);
    if (first !== undefined)
      issues.push({
        path: [key, i, field],
        message: `duplicate ${field} "${v}" (first at ${key}[${first}])`,
      });
    else seen.set(v, i);
  });
}

export const FacilitySchema = FacilityObjectSchema.superRefine((f, ctx) => {
  for (const issue of facilityIssues(f))
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
});
