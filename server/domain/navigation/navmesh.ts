/**
 * A reusable navigator for one floor of a facility: recast navmesh built once (slow, off the request
 * path) and a query object reused for every route (fast, allocation-light).
 */
import { exportNavMesh, importNavMesh, init, type NavMesh, NavMeshQuery } from '@recast-navigation/core';
import { generateSoloNavMesh, generateTiledNavMesh } from '@recast-navigation/generators';
import { type Point2, type WalkableOptions, walkableFloor } from '../../../twin-models/geometry.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import { type AisleSegment, aisleSegments, cheapestGateSequence, type GateEdge, segmentAt } from './gates.ts';
import { describeRoute, polylineLength, type Region, type RouteResult, regionsOf } from './route.ts';
import { type AccessPoint, accessPoint, type Target } from './targets.ts';
import { walkableMesh } from './walkable-mesh.ts';

export const AGENT_RADIUS_M = 0.3;
/** Voxel size: a third of the agent radius, so a 1.5 m shelving aisle keeps a 0.9 m walkable strip. */
const CELL_M = 0.1;
/** Above this many voxels a single-tile build gets slow and memory-hungry; tiles also bound each build. */
const SOLO_MAX_CELLS = 1_500_000;
const TILE_CELLS = 128;
/** A standing point snapped further than this onto the mesh is not where we meant to send anyone. */
const SNAP_MAX_M = 0.75;
/**
 * A gate pair is still tried while its straight-line estimate (start → gate → gate → goal) is within
 * this much of the best walk found: string-pulling round the gates can make a walk a little shorter
 * than the estimate.
 */
const GATE_SLACK_M = 1.5;
/** Gates this close are joined directly in the gate graph (cross-aisles, open floor round aisle ends). */
const GATE_LINK_M = 12;

/** A point on the navmesh with its polygon, for stitching polygon corridors together. */
type Via = { x: number; z: number; ref: number };

export type ResolvedPoint = { x: number; z: number; access: AccessPoint };

export type NavigatorStats = {
  mode: 'solo' | 'tiled';
  inputTriangles: number;
  buildMs: number;
};

export interface Navigator {
  readonly floorId: string;
  readonly stats: NavigatorStats;
  route(from: Target, to: Target): RouteResult;
  /** A target's standing point on the navmesh, or why there is none. */
  resolve(target: Target): { ok: true; point: ResolvedPoint } | { ok: false; reason: string };
  /** Corner points of the shortest walk between two resolved points, or null when unreachable. */
  path(from: Point2, to: Point2): Point2[] | null;
  /** Turn-by-turn route between two already-resolved points. */
  routeBetween(from: ResolvedPoint, to: ResolvedPoint): RouteResult;
  /** Frees the WASM memory; the navigator must not be used afterwards. */
  dispose(): void;
}

/**
 * A built navigator as plain data, for building in a worker thread and querying on the main one:
 * recast's own export of the navmesh (polygon refs survive it, tile refs are stored) and the gate
 * graph computed on it, so the main thread only imports (a few ms for 50,000 bins) and never
 * voxelises (about a second).
 */
export type NavigatorData = {
  floorId: string;
  stats: NavigatorStats;
  navMesh: Uint8Array;
  gates: GateGraph;
};

/** The gate graph (see buildGateGraph) as plain data: gates by index, per segment by index. */
type GateGraph = {
  list: Via[];
  bySegment: number[][];
  adj: GateEdge[][];
  corridors: Map<number, Uint32Array>;
};

let ready: Promise<void> | null = null;
function initRecast(): Promise<void> {
  ready ??= init();
  return ready;
}

function recastConfig() {
  return {
    cs: CELL_M,
    ch: 0.1,
    walkableSlopeAngle: 45,
    walkableHeight: 20,
    walkableClimb: 2,
    // Recast's ledge filter already drops the voxel next to every empty column, so erosion by one
    // voxel less keeps exactly AGENT_RADIUS_M of clearance (with the full radius a 0.8 m gap closed).
    walkableRadius: Math.round(AGENT_RADIUS_M / CELL_M) - 1,
    maxEdgeLen: 0,
    maxSimplificationError: 1.0,
    minRegionArea: 4,
    mergeRegionArea: 20,
    maxVertsPerPoly: 6,
    detailSampleDist: 6,
    detailSampleMaxError: 1,
  };
}

/**
 * Builds the navmesh for one floor (default the first). Keep-clear areas are blocked unless
 * `blockKeepClear: false` (an evacuation planner, or a site whose only doorway is a fire-exit route).
 */
export async function buildNavigator(
  facility: Facility,
  floorId?: string,
  options: WalkableOptions = {},
): Promise<Navigator> {
  return buildRecastNavigator(facility, floorId, options);
}

/** Builds as `buildNavigator` does and hands the result back as data (in a worker thread). */
export async function buildNavigatorData(
  facility: Facility,
  floorId?: string,
  options: WalkableOptions = {},
): Promise<NavigatorData> {
  const navigator = await buildRecastNavigator(facility, floorId, options);
  try {
    return navigator.toData();
  } finally {
    navigator.dispose();
  }
}

/** A navigator over a navmesh built elsewhere (`buildNavigatorData`) for the same facility. */
export async function navigatorFromData(facility: Facility, data: NavigatorData): Promise<Navigator> {
  await initRecast();
  const floor = facility.floors.find((f) => f.id === data.floorId);
  if (floor === undefined) throw new Error(`unknown floor "${data.floorId}"`);
  const { navMesh } = importNavMesh(data.navMesh);
  return new RecastNavigator(facility, floor.id, floor.elevation, navMesh, data.stats, data.gates);
}

async function buildRecastNavigator(
  facility: Facility,
  floorId: string | undefined,
  options: WalkableOptions,
): Promise<RecastNavigator> {
  await initRecast();
  const floor = floorId === undefined ? facility.floors[0] : facility.floors.find((f) => f.id === floorId);
  if (floor === undefined) throw new Error(`unknown floor "${floorId ?? '(none)'}"`);
  const t0 = performance.now();
  const walk = walkableFloor(facility, floor.id, options);
  const mesh = walkableMesh(walk, CELL_M);
  const cells = (floor.width / CELL_M) * (floor.depth / CELL_M);
  const tiled = cells > SOLO_MAX_CELLS;
  const config = recastConfig();
  // A thin slab around the floor: the input is flat, so the heightfield needs no more.
  const bounds: [[number, number, number], [number, number, number]] = [
    [0, floor.elevation - 0.5, 0],
    [floor.width, floor.elevation + 2.5, floor.depth],
  ];
  const result = tiled
    ? generateTiledNavMesh(mesh.positions, mesh.indices, { ...config, tileSize: TILE_CELLS, bounds })
    : generateSoloNavMesh(mesh.positions, mesh.indices, { ...config, bounds });
  if (!result.success) throw new Error(`navmesh build failed for floor ${floor.id}: ${result.error}`);
  const stats: NavigatorStats = {
    mode: tiled ? 'tiled' : 'solo',
    inputTriangles: mesh.triangles,
    buildMs: performance.now() - t0,
  };
  return new RecastNavigator(facility, floor.id, floor.elevation, result.navMesh, stats);
}

class RecastNavigator implements Navigator {
  readonly stats: NavigatorStats;
  private readonly query: NavMeshQuery;
  private readonly regions: Region[];
  // Reused for every query: the WASM bindings copy these in, so no per-call objects are needed.
  private readonly a = { x: 0, y: 0, z: 0 };
  private readonly b = { x: 0, y: 0, z: 0 };
  private readonly snapExtents = { x: SNAP_MAX_M, y: 1, z: SNAP_MAX_M };
  private readonly pathOptions = { maxPathPolys: 4096, maxStraightPathPoints: 1024 };
  private readonly straightOptions = { maxStraightPathPoints: 1024 };
  private readonly segments: AisleSegment[];
  /** Every aisle segment's gates snapped onto the mesh, the graph's nodes. */
  private readonly gateList: Via[];
  /** Indices into gateList of each segment's gates (either may be missing). */
  private readonly gates = new Map<AisleSegment, number[]>();
  /** Gate graph: along each segment, and between gates a short, nearly straight walk apart. */
  private readonly gateAdj: GateEdge[][];
  /** The polygon corridor of each graph edge, keyed from * gates + to. */
  private readonly gateCorridors: Map<number, Uint32Array>;

  constructor(
    private readonly facility: Facility,
    readonly floorId: string,
    private readonly elevation: number,
    private readonly navMesh: NavMesh,
    stats: NavigatorStats,
    /** The gate graph computed on this navmesh elsewhere (a worker thread); built here when absent. */
    graph?: GateGraph,
  ) {
    this.stats = stats;
    // Long diagonal walks across a 300 m floor visit thousands of polygons; the default 2048 would truncate.
    this.query = new NavMeshQuery(navMesh, { maxNodes: 65_535 });
    this.regions = regionsOf(facility, floorId);
    this.segments = aisleSegments(facility, floorId);
    this.gateList = graph?.list ?? [];
    this.gateAdj = graph?.adj ?? [];
    this.gateCorridors = graph?.corridors ?? new Map();
    if (graph === undefined) this.buildGateGraph();
    else
      this.segments.forEach((seg, k) => {
        this.gates.set(seg, graph.bySegment[k] ?? []);
      });
  }

  toData(): NavigatorData {
    return {
      floorId: this.floorId,
      stats: this.stats,
      navMesh: exportNavMesh(this.navMesh),
      gates: {
        list: this.gateList,
        bySegment: this.segments.map((seg) => this.gates.get(seg) ?? []),
        adj: this.gateAdj,
        corridors: this.gateCorridors,
      },
    };
  }

  /**
   * Gate graph for choosing the corridor: each aisle segment joins its two gates, and gates within
   * GATE_LINK_M whose walk is nearly straight are joined too; weights and corridors come from Detour
   * on these short legs, where its corridor search is reliable.
   */
  private buildGateGraph(): void {
    const owner: number[] = [];
    this.segments.forEach((seg, k) => {
      const ids: number[] = [];
      for (const g of seg.gates) {
        const v = this.via(g);
        if (v === null) continue;
        ids.push(this.gateList.length);
        this.gateList.push(v);
        owner.push(k);
      }
      this.gates.set(seg, ids);
    });
    const n = this.gateList.length;
    for (let i = 0; i < n; i++) this.gateAdj.push([]);
    const link = (i: number, j: number, sameSegment: boolean): void => {
      const a = this.gateList[i];
      const b = this.gateList[j];
      if (a === undefined || b === undefined) return;
      const corridor = this.corridor(a, b);
      if (corridor === null) return;
      const points = this.straighten(a, b, Array.from(corridor));
      if (points === null) return;
      const w = polylineLength(points);
      if (!sameSegment && w > dist(a, b) * 1.2 + 1) return;
      this.gateAdj[i]?.push({ to: j, w });
      this.gateAdj[j]?.push({ to: i, w });
      this.gateCorridors.set(i * n + j, corridor);
      this.gateCorridors.set(j * n + i, corridor.slice().reverse());
    };
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = this.gateList[i];
        const b = this.gateList[j];
        if (a === undefined || b === undefined) continue;
        const same = owner[i] === owner[j];
        if (same || dist(a, b) <= GATE_LINK_M) link(i, j, same);
      }
    }
  }

  private gateVias(seg: AisleSegment): Via[] {
    const out: Via[] = [];
    for (const i of this.gates.get(seg) ?? []) {
      const v = this.gateList[i];
      if (v !== undefined) out.push(v);
    }
    return out;
  }

  /** The mesh point and polygon nearest to p, within the snapping distance. */
  private via(p: Point2): Via | null {
    this.a.x = p.x;
    this.a.y = this.elevation;
    this.a.z = p.z;
    const near = this.query.findNearestPoly(this.a, { halfExtents: this.snapExtents });
    if (!near.success || near.nearestRef === 0) return null;
    const q = near.nearestPoint;
    if (Math.hypot(q.x - p.x, q.z - p.z) > SNAP_MAX_M) return null;
    return { x: q.x, z: q.z, ref: near.nearestRef };
  }

  resolve(target: Target): { ok: true; point: ResolvedPoint } | { ok: false; reason: string } {
    const r = accessPoint(this.facility, target);
    if (!r.ok) return r;
    const access = r.access;
    if (access.floorId !== null && access.floorId !== this.floorId)
      return { ok: false, reason: `${access.label} is on floor ${access.floorId}, not ${this.floorId}` };
    for (const c of access.candidates) {
      this.a.x = c.x;
      this.a.y = this.elevation;
      this.a.z = c.z;
      const near = this.query.findNearestPoly(this.a, { halfExtents: this.snapExtents });
      if (!near.success || near.nearestRef === 0) continue;
      const p = near.nearestPoint;
      if (Math.hypot(p.x - c.x, p.z - c.z) <= SNAP_MAX_M)
        return { ok: true, point: { x: p.x, z: p.z, access } };
    }
    return { ok: false, reason: `nowhere walkable to stand near ${access.label}` };
  }

  path(from: Point2, to: Point2): Point2[] | null {
    const sa = segmentAt(this.segments, from);
    const sb = segmentAt(this.segments, to);
    if ((sa === null && sb === null) || sa === sb) return this.directPath(from, to);
    if (sa !== null && sb !== null) {
      const viaGraph = this.graphPath(from, to, sa, sb);
      if (viaGraph !== null) return viaGraph;
    }
    return this.gatedPath(from, to, sa, sb) ?? this.directPath(from, to);
  }

  /** Aisle to aisle: the gate graph picks the corridor, which is then string-pulled as a whole. */
  private graphPath(from: Point2, to: Point2, sa: AisleSegment, sb: AisleSegment): Point2[] | null {
    const start = this.via(from);
    const goal = this.via(to);
    if (start === null || goal === null) return null;
    const sources = (this.gates.get(sa) ?? []).map((gate) => ({
      gate,
      cost: dist(start, this.gateList[gate] ?? start),
    }));
    const targets = (this.gates.get(sb) ?? []).map((gate) => ({
      gate,
      cost: dist(this.gateList[gate] ?? goal, goal),
    }));
    const seq = cheapestGateSequence(this.gateAdj, sources, targets);
    const firstGate = this.gateList[seq?.[0] ?? -1];
    const lastGate = this.gateList[seq?.[seq.length - 1] ?? -1];
    if (seq === null || firstGate === undefined || lastGate === undefined) return null;
    const first = this.corridor(start, firstGate);
    const last = this.corridor(lastGate, goal);
    if (first === null || last === null) return null;
    const legs: Uint32Array[] = [first];
    const n = this.gateList.length;
    for (let k = 1; k < seq.length; k++) {
      const leg = this.gateCorridors.get((seq[k - 1] ?? 0) * n + (seq[k] ?? 0));
      if (leg === undefined) return null;
      legs.push(leg);
    }
    legs.push(last);
    return this.straighten(from, to, joinCorridors(legs));
  }

  /**
   * Shortest of the walks that leave the start's aisle segment by either end and enter the goal's by
   * either end; each is one corridor (start → gate → gate → goal) string-pulled as a whole. Pairs are
   * tried in order of their straight-line estimate and skipped once that cannot beat the best walk.
   */
  private gatedPath(
    from: Point2,
    to: Point2,
    sa: AisleSegment | null,
    sb: AisleSegment | null,
  ): Point2[] | null {
    const start = this.via(from);
    const goal = this.via(to);
    if (start === null || goal === null) return null;
    const outs = sa === null ? [start] : this.gateVias(sa);
    const ins = sb === null ? [goal] : this.gateVias(sb);
    const pairs: { lb: number; i: number; j: number }[] = [];
    for (let i = 0; i < outs.length; i++) {
      for (let j = 0; j < ins.length; j++) {
        const g = outs[i];
        const h = ins[j];
        if (g === undefined || h === undefined) continue;
        const lb = dist(start, g) + dist(g, h) + dist(h, goal);
        pairs.push({ lb, i, j });
      }
    }
    pairs.sort((p, q) => p.lb - q.lb);
    const firstLegs = new Map<number, Uint32Array | null>();
    const lastLegs = new Map<number, Uint32Array | null>();
    let best: Point2[] | null = null;
    let bestLength = Number.POSITIVE_INFINITY;
    for (const { lb, i, j } of pairs) {
      if (lb - GATE_SLACK_M >= bestLength) break;
      const g = outs[i];
      const h = ins[j];
      if (g === undefined || h === undefined) continue;
      let first = firstLegs.get(i);
      if (first === undefined) {
        first = this.corridor(start, g);
        firstLegs.set(i, first);
      }
      let last = lastLegs.get(j);
      if (last === undefined) {
        last = this.corridor(h, goal);
        lastLegs.set(j, last);
      }
      if (first === null || last === null) continue;
      const middle = this.corridor(g, h);
      if (middle === null) continue;
      const points = this.straighten(from, to, joinCorridors([first, middle, last]));
      if (points === null) continue;
      const length = polylineLength(points);
      if (length < bestLength) {
        best = points;
        bestLength = length;
      }
    }
    return best;
  }

  /** Detour's polygon corridor from a to b, or null when it does not reach b. */
  private corridor(a: Via, b: Via): Uint32Array | null {
    if (a.ref === b.ref) return Uint32Array.of(a.ref);
    this.a.x = a.x;
    this.a.y = this.elevation;
    this.a.z = a.z;
    this.b.x = b.x;
    this.b.y = this.elevation;
    this.b.z = b.z;
    const r = this.query.findPath(a.ref, b.ref, this.a, this.b, this.pathOptions);
    const polys = r.polys.toTypedArray();
    r.polys.destroy();
    if (!r.success || polys.length === 0 || polys[polys.length - 1] !== b.ref) return null;
    return polys;
  }

  /** String-pulls a corridor from `from` to `to`; null unless it ends at `to`. */
  private straighten(from: Point2, to: Point2, corridor: number[]): Point2[] | null {
    this.a.x = from.x;
    this.a.y = this.elevation;
    this.a.z = from.z;
    this.b.x = to.x;
    this.b.y = this.elevation;
    this.b.z = to.z;
    const r = this.query.findStraightPath(this.a, this.b, corridor, this.straightOptions);
    const out: Point2[] = [];
    if (r.success) {
      const flat = r.straightPath;
      for (let k = 0; k < r.straightPathCount; k++) out.push({ x: flat.get(k * 3), z: flat.get(k * 3 + 2) });
    }
    r.straightPath.destroy();
    r.straightPathFlags.destroy();
    r.straightPathRefs.destroy();
    const last = out[out.length - 1];
    if (last === undefined || Math.hypot(last.x - to.x, last.z - to.z) > 0.05) return null;
    return out;
  }

  private directPath(from: Point2, to: Point2): Point2[] | null {
    this.a.x = from.x;
    this.a.y = this.elevation;
    this.a.z = from.z;
    this.b.x = to.x;
    this.b.y = this.elevation;
    this.b.z = to.z;
    const r = this.query.computePath(this.a, this.b, this.pathOptions);
    if (!r.success || r.path.length === 0) return null;
    const out: Point2[] = new Array(r.path.length);
    for (let i = 0; i < r.path.length; i++) {
      const p = r.path[i];
      out[i] = p === undefined ? to : { x: p.x, z: p.z };
    }
    const last = out[out.length - 1];
    // Detour returns a partial path to the nearest reachable point when the goal is cut off.
    if (last === undefined || Math.hypot(last.x - to.x, last.z - to.z) > 0.05) return null;
    return out;
  }

  routeBetween(from: ResolvedPoint, to: ResolvedPoint): RouteResult {
    const points = this.path(from, to);
    if (points === null)
      return { ok: false, reason: `no walkable route from ${from.access.label} to ${to.access.label}` };
    const lengthM = polylineLength(points);
    return { ok: true, points, lengthM, steps: describeRoute(points, this.regions, to.access) };
  }

  route(from: Target, to: Target): RouteResult {
    const a = this.resolve(from);
    if (!a.ok) return a;
    const b = this.resolve(to);
    if (!b.ok) return b;
    return this.routeBetween(a.point, b.point);
  }

  dispose(): void {
    this.query.destroy();
    this.navMesh.destroy();
  }
}

function dist(a: Point2, b: Point2): number {
  return Math.hypot(b.x - a.x, b.z - a.z);
}

/**
 * Concatenates corridors that meet end to start, cutting out any loop (a leg that walks back over
 * polygons already in the corridor), so consecutive polygons stay neighbours.
 */
function joinCorridors(legs: readonly Uint32Array[]): number[] {
  const out: number[] = [];
  const index = new Map<number, number>();
  for (const leg of legs) {
    for (const ref of leg) {
      const seen = index.get(ref);
      if (seen !== undefined) {
        for (let k = seen + 1; k < out.length; k++) index.delete(out[k] ?? 0);
        out.length = seen + 1;
        continue;
      }
      index.set(ref, out.length);
      out.push(ref);
    }
  }
  return out;
}
