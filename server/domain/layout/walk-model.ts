/**
 * Everything the simulation needs to know about one layout's floor: where a person stands for each
 * bin, the depots (packing bench, dock), which narrow aisle a standing point is in, and the walking
 * distances between all of them. Built once per layout geometry; a scenario that only moves items
 * reuses its base's model (WalkModelCache).
 */

import { clearWidth } from '../../../common/layout/validate.ts';
import {
  deriveBins,
  footprintCorners,
  type Point2,
  pointInQuad,
  rackCorners,
} from '../../../twin-models/geometry.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import { accessPoint } from '../navigation/targets.ts';
import { buildWalkGrid, cellCentre, DistanceTable, snapToGrid, type WalkGrid } from './walk-grid.ts';

export type NarrowAisle = { id: string; label: string; capacity: number };

export type WalkModel = {
  floorId: string;
  grid: WalkGrid;
  table: DistanceTable;
  /** Standing point index per bin code (bins whose standing point could not be placed are absent). */
  pointOfBin: Map<string, number>;
  /** Floor position of each standing point. */
  points: Point2[];
  /** Where pick lists start and end (a packing bench, else a dock). */
  pickDepot: number;
  /** Where put-aways start (the first dock, else the pick depot). */
  dockDepot: number;
  /** Narrow aisle index per point, -1 outside one. */
  aisleOfPoint: Int32Array;
  narrowAisles: NarrowAisle[];
  /** Bin codes that have nowhere to stand (walled in by an edit). */
  unreachableBins: string[];
};

export type WalkModelOptions = {
  /** Aisles narrower than this fit one person with a trolley at a time. */
  narrowAisleM: number;
};

const DEFAULT_WALK_OPTIONS: WalkModelOptions = { narrowAisleM: 2 };

export function buildWalkModel(
  facility: Facility,
  options: WalkModelOptions = DEFAULT_WALK_OPTIONS,
): WalkModel {
  const floor = facility.floors[0];
  if (floor === undefined) throw new Error('the layout has no floor');
  const grid = buildWalkGrid(facility, floor.id);
  const cells: number[] = [];
  const indexOfCell = new Map<number, number>();
  const pointFor = (cell: number): number => {
    let i = indexOfCell.get(cell);
    if (i === undefined) {
      i = cells.length;
      cells.push(cell);
      indexOfCell.set(cell, i);
    }
    return i;
  };
  const pointOfBin = new Map<string, number>();
  const unreachableBins: string[] = [];
  const placed = new Map<string, number>(); // one standing point per bay: levels share it
  for (const bin of deriveBins(facility)) {
    if (bin.floorId !== floor.id) continue;
    const bayKey = `${bin.rackId}|${bin.bay}`;
    let point = placed.get(bayKey);
    if (point === undefined) {
      const access = accessPoint(facility, { kind: 'bin', code: bin.code });
      const cell = access.ok ? snapToGrid(grid, access.access.candidates[0]) : -1;
      point = cell < 0 ? -1 : pointFor(cell);
      placed.set(bayKey, point);
    }
    if (point < 0) unreachableBins.push(bin.code);
    else pointOfBin.set(bin.code, point);
  }
  const depotAt = (p: Point2): number => {
    // A bench or dock centre may be inside its own footprint; walk outwards until there is floor.
    for (let reach = 0; reach <= 12; reach++) {
      for (const [dx, dz] of [
        [0, reach],
        [0, -reach],
        [reach, 0],
        [-reach, 0],
      ] as const) {
        const cell = snapToGrid(grid, { x: p.x + dx * 0.5, z: p.z + dz * 0.5 });
        if (cell >= 0) return pointFor(cell);
      }
    }
    return -1;
  };
  const bench =
    facility.workstations.find((w) => w.floorId === floor.id && w.kind === 'packing') ??
    facility.workstations.find((w) => w.floorId === floor.id);
  const dock = facility.docks.find((d) => d.floorId === floor.id);
  const dockDepotRaw = dock === undefined ? -1 : depotAt(dock.footprint);
  const pickDepotRaw = bench === undefined ? dockDepotRaw : depotAt(bench.footprint);
  const pickDepot = pickDepotRaw >= 0 ? pickDepotRaw : pointFor(firstFree(grid));
  const dockDepot = dockDepotRaw >= 0 ? dockDepotRaw : pickDepot;

  const points = cells.map((c) => cellCentre(grid, c));
  const narrowAisles: NarrowAisle[] = [];
  const aisleOfPoint = new Int32Array(points.length).fill(-1);
  const racks = facility.racks.filter((r) => r.floorId === floor.id).map(rackCorners);
  for (const a of facility.aisles) {
    if (a.floorId !== floor.id || a.kind !== 'aisle') continue;
    const width = clearWidth(a.footprint, racks);
    if (width >= options.narrowAisleM) continue;
    const index = narrowAisles.length;
    narrowAisles.push({ id: a.id, label: `aisle ${a.letter ?? a.id}`, capacity: 1 });
    const q = footprintCorners(a.footprint);
    points.forEach((p, i) => {
      if (aisleOfPoint[i] === -1 && pointInQuad(p, q)) aisleOfPoint[i] = index;
    });
  }
  return {
    floorId: floor.id,
    grid,
    table: new DistanceTable(grid, cells),
    pointOfBin,
    points,
    pickDepot,
    dockDepot,
    aisleOfPoint,
    narrowAisles,
    unreachableBins,
  };
}

function firstFree(grid: WalkGrid): number {
  const i = grid.free.indexOf(1);
  return i < 0 ? 0 : i;
}

/** The parts of a layout that change where people can walk or stand. */
function geometryKey(f: Facility): string {
  return JSON.stringify([
    f.floors,
    f.walls,
    f.obstacles,
    f.aisles,
    f.racks,
    f.docks,
    f.workstations,
    f.assets,
    f.keepClear,
  ]);
}

/**
 * Walk models by layout geometry, so base and item-only scenarios share distance rows. Small: a
 * model holds a distance matrix (a few MB for a few thousand standing points).
 */
export class WalkModelCache {
  readonly #models = new Map<string, WalkModel>();
  constructor(
    private readonly capacity = 4,
    private readonly options: WalkModelOptions = DEFAULT_WALK_OPTIONS,
  ) {}

  get(facility: Facility): WalkModel {
    const key = geometryKey(facility);
    const hit = this.#models.get(key);
    if (hit) {
      this.#models.delete(key);
      this.#models.set(key, hit);
      return hit;
    }
    const model = buildWalkModel(facility, this.options);
    this.#models.set(key, model);
    while (this.#models.size > this.capacity) {
      const oldest = this.#models.keys().next().value;
      if (oldest === undefined) break;
      this.#models.delete(oldest);
    }
    return model;
  }
}
