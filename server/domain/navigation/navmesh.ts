/**
 * A reusable navigator for one floor of a facility: recast navmesh built once (slow, off the request
 * path) and a query object reused for every route (fast, allocation-light).
 */
import { init, type NavMesh, NavMeshQuery } from '@recast-navigation/core';
import { generateSoloNavMesh, generateTiledNavMesh } from '@recast-navigation/generators';
import { type Point2, type WalkableOptions, walkableFloor } from '../../../twin-models/geometry.ts';
import type { Facility } from '../../../twin-models/schema.ts';
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
    walkableRadius: Math.ceil(AGENT_RADIUS_M / CELL_M),
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

  constructor(
    private readonly facility: Facility,
    readonly floorId: string,
    private readonly elevation: number,
    private readonly navMesh: NavMesh,
    stats: NavigatorStats,
  ) {
    this.stats = stats;
    // Long diagonal walks across a 300 m floor visit thousands of polygons; the default 2048 would truncate.
    this.query = new NavMeshQuery(navMesh, { maxNodes: 65_535 });
    this.regions = regionsOf(facility, floorId);
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
