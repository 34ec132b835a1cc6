/**
 * Walking distances for the layout simulation: the floor as a grid of standing cells (the walkable
 * floor of twin-models/geometry.ts, kept the agent radius away from anything blocked, as the
 * navmesh is) and a distance field from each standing point, computed once and kept as a row of a
 * point-to-point matrix.
 *
 * Why a grid and not the recast navmesh: the simulation asks for tens of thousands of distances
 * between a few hundred standing points, and a layout scenario changes the floor. One integer
 * Dijkstra over 40,000 cells costs about a millisecond, covers every pair from that point, and needs
 * no WASM build; a navmesh route costs about as much for a single pair. Moves are the chamfer 5-7-11
 * neighbourhood (straight, diagonal and knight moves), so a straight walk along an aisle is exact and
 * an open-floor diagonal is at most 2% short of the Euclidean length. Measured against the navmesh
 * routes between bins of the demo warehouse: within ±10% each, median about +3%.
 */
import { isAxisAligned, type Point2, quadBounds, walkableFloor } from '../../../twin-models/geometry.ts';
import type { Facility } from '../../../twin-models/schema.ts';

/**
 * Half a metre: with the clearance below, any aisle at least 1.1 m wide keeps a row of free cells
 * (the layout rules ask for more), and a field has a quarter of the cells a 0.25 m grid would.
 * Standing points snap to cell centres, so a position is good to a quarter of a metre.
 */
const GRID_CELL_M = 0.5;
/** Same clearance as the navmesh (navigation/navmesh.ts AGENT_RADIUS_M). */
const CLEARANCE_M = 0.3;
/** A standing point that lands on a blocked cell is moved to the nearest free cell within this. */
const SNAP_MAX_M = 1;

// Chamfer weights per cell: straight 5, diagonal 7, knight 11 (so one unit is a fifth of a cell).
const W_STRAIGHT = 5;
const W_DIAGONAL = 7;
const W_KNIGHT = 11;
const BUCKETS = W_KNIGHT + 1;
const UNREACHED = 0x7fffffff;

export type WalkGrid = {
  floorId: string;
  cell: number;
  columns: number;
  rows: number;
  /** 1 where a person can stand. */
  free: Uint8Array;
};

/** The grid of cells whose centre is at least the clearance away from every blocked area. */
export function buildWalkGrid(facility: Facility, floorId: string, cell = GRID_CELL_M): WalkGrid {
  const walk = walkableFloor(facility, floorId);
  const columns = Math.floor(walk.outline.maxX / cell + 1e-9);
  const rows = Math.floor(walk.outline.maxZ / cell + 1e-9);
  const free = new Uint8Array(columns * rows).fill(1);
  const r = CLEARANCE_M;
  for (const area of walk.blocked) {
    const b = quadBounds(area.corners);
    const c0 = Math.max(0, Math.floor((b.minX - r) / cell));
    const c1 = Math.min(columns - 1, Math.ceil((b.maxX + r) / cell));
    const r0 = Math.max(0, Math.floor((b.minZ - r) / cell));
    const r1 = Math.min(rows - 1, Math.ceil((b.maxZ + r) / cell));
    const aligned = isAxisAligned(area.corners);
    for (let row = r0; row <= r1; row++) {
      const z = (row + 0.5) * cell;
      for (let col = c0; col <= c1; col++) {
        const x = (col + 0.5) * cell;
        const near = aligned
          ? x > b.minX - r && x < b.maxX + r && z > b.minZ - r && z < b.maxZ + r
          : distanceToQuad({ x, z }, area.corners) < r;
        if (near) free[row * columns + col] = 0;
      }
    }
  }
  return { floorId, cell, columns, rows, free };
}

function distanceToQuad(p: Point2, q: readonly Point2[]): number {
  let inside = true;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < q.length; i++) {
    const a = q[i];
    const b = q[(i + 1) % q.length];
    if (a === undefined || b === undefined) continue;
    const ex = b.x - a.x;
    const ez = b.z - a.z;
    const cross = ex * (p.z - a.z) - ez * (p.x - a.x);
    if (cross < 0) inside = false;
    const len2 = ex * ex + ez * ez;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * ex + (p.z - a.z) * ez) / len2));
    best = Math.min(best, Math.hypot(p.x - (a.x + t * ex), p.z - (a.z + t * ez)));
  }
  // Winding may be either way round; "inside" is only trusted when every edge agrees.
  if (inside) return 0;
  let insideOther = true;
  for (let i = 0; i < q.length; i++) {
    const a = q[i];
    const b = q[(i + 1) % q.length];
    if (a === undefined || b === undefined) continue;
    if ((b.x - a.x) * (p.z - a.z) - (b.z - a.z) * (p.x - a.x) > 0) insideOther = false;
  }
  return insideOther ? 0 : best;
}

/** The free cell nearest to p (within SNAP_MAX_M), or -1. */
export function snapToGrid(grid: WalkGrid, p: Point2): number {
  const { cell, columns, rows, free } = grid;
  const c = Math.floor(p.x / cell);
  const r = Math.floor(p.z / cell);
  const reach = Math.ceil(SNAP_MAX_M / cell);
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  for (let dr = -reach; dr <= reach; dr++) {
    for (let dc = -reach; dc <= reach; dc++) {
      const rr = r + dr;
      const cc = c + dc;
      if (rr < 0 || cc < 0 || rr >= rows || cc >= columns || free[rr * columns + cc] !== 1) continue;
      const d = Math.hypot((cc + 0.5) * cell - p.x, (rr + 0.5) * cell - p.z);
      if (d < bestD - 1e-12) {
        bestD = d;
        best = rr * columns + cc;
      }
    }
  }
  return bestD <= SNAP_MAX_M ? best : -1;
}

export function cellCentre(grid: WalkGrid, index: number): Point2 {
  return {
    x: ((index % grid.columns) + 0.5) * grid.cell,
    z: (Math.floor(index / grid.columns) + 0.5) * grid.cell,
  };
}

type Move = { dc: number; dr: number; w: number; via: [number, number][] };

/** Each move with the cells it passes through, which must be free too (no cutting rack corners). */
const MOVES: Move[] = (() => {
  const out: Move[] = [];
  for (const [dc, dr] of [
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
  ] as const)
    out.push({ dc, dr, w: W_STRAIGHT, via: [] });
  for (const sc of [1, -1]) {
    for (const sr of [1, -1]) {
      out.push({
        dc: sc,
        dr: sr,
        w: W_DIAGONAL,
        via: [
          [sc, 0],
          [0, sr],
        ],
      });
      out.push({
        dc: 2 * sc,
        dr: sr,
        w: W_KNIGHT,
        via: [
          [sc, 0],
          [sc, sr],
        ],
      });
      out.push({
        dc: sc,
        dr: 2 * sr,
        w: W_KNIGHT,
        via: [
          [0, sr],
          [sc, sr],
        ],
      });
    }
  }
  return out;
})();
const MOVE_WEIGHTS = Int32Array.from(MOVES, (m) => m.w);

/**
 * Walking distances between a fixed set of standing cells. Rows are filled on first use, one
 * Dijkstra each (Dial's buckets: integer weights, so no heap), and the matrix is symmetric.
 */
export class DistanceTable {
  readonly size: number;
  private readonly rowsDone: (Float32Array | null)[];
  private readonly field: Int32Array;
  /** One stack per bucket, side by side; a cell is pushed at most once per improvement (≤ 16 times). */
  private readonly stacks: Int32Array;
  private readonly tops = new Int32Array(BUCKETS);
  private readonly capacity: number;
  private readonly scale: number;
  private readonly masks: Uint16Array;
  private readonly offsets: Int32Array;
  fieldsComputed = 0;

  constructor(
    grid: WalkGrid,
    private readonly cells: readonly number[],
  ) {
    this.size = cells.length;
    this.rowsDone = new Array<Float32Array | null>(cells.length).fill(null);
    this.field = new Int32Array(grid.columns * grid.rows);
    this.scale = grid.cell / W_STRAIGHT;
    this.masks = moveMasks(grid);
    // A bucket never holds more entries than there are incoming moves to distinct cells.
    this.capacity = grid.columns * grid.rows * 2;
    this.stacks = new Int32Array(BUCKETS * this.capacity);
    this.offsets = Int32Array.from(MOVES, (m) => m.dr * grid.columns + m.dc);
  }

  /** Metres from point i to point j; +Infinity when one cannot be reached from the other. */
  distance(i: number, j: number): number {
    if (i === j) return 0;
    const ri = this.rowsDone[i];
    if (ri) return ri[j] ?? Number.POSITIVE_INFINITY;
    const rj = this.rowsDone[j];
    if (rj) return rj[i] ?? Number.POSITIVE_INFINITY;
    return this.row(i)[j] ?? Number.POSITIVE_INFINITY;
  }

  row(i: number): Float32Array {
    const done = this.rowsDone[i];
    if (done) return done;
    const start = this.cells[i] ?? -1;
    const out = new Float32Array(this.size).fill(Number.POSITIVE_INFINITY);
    if (start >= 0) {
      this.fill(start);
      for (let j = 0; j < this.size; j++) {
        const d = this.field[this.cells[j] ?? 0] ?? UNREACHED;
        if (d !== UNREACHED && (this.cells[j] ?? -1) >= 0) out[j] = d * this.scale;
      }
    }
    this.rowsDone[i] = out;
    this.fieldsComputed++;
    return out;
  }

  /** Distance field from one cell, in chamfer units, into this.field. */
  private fill(start: number): void {
    const field = this.field;
    const masks = this.masks;
    const offsets = this.offsets;
    const stacks = this.stacks;
    const tops = this.tops;
    const cap = this.capacity;
    field.fill(UNREACHED);
    tops.fill(0);
    field[start] = 0;
    stacks[0] = start;
    tops[0] = 1;
    let pending = 1;
    for (let d = 0; pending > 0; d++) {
      const b = d % BUCKETS;
      const base = b * cap;
      while ((tops[b] ?? 0) > 0) {
        const top = (tops[b] ?? 1) - 1;
        tops[b] = top;
        const at = stacks[base + top] ?? 0;
        pending--;
        if (field[at] !== d) continue;
        // Only the moves this cell allows: take the lowest set bit until none is left.
        for (let mask = masks[at] ?? 0; mask !== 0; mask &= mask - 1) {
          const k = 31 - Math.clz32(mask & -mask);
          const to = at + (offsets[k] ?? 0);
          const nd = d + (MOVE_WEIGHTS[k] ?? 0);
          if (nd >= (field[to] ?? 0)) continue;
          field[to] = nd;
          const nb = nd % BUCKETS;
          const t = tops[nb] ?? 0;
          stacks[nb * cap + t] = to;
          tops[nb] = t + 1;
          pending++;
        }
      }
    }
  }
}

/**
 * Per free cell, a bit per move that stays on the grid, lands on a free cell and passes at least one
 * free cell of the two it brushes: the free cells already keep the clearance, so shaving the corner of
 * that margin is what a person (and the navmesh's string-pulled path) does; requiring both made every
 * turn round a rack end an L and routes ~10% longer than the navmesh's. Checked once per layout, so
 * the Dijkstra inner loop is a mask test and an add.
 */
function moveMasks(grid: WalkGrid): Uint16Array {
  const { columns, rows, free } = grid;
  const masks = new Uint16Array(columns * rows);
  const ok = (c: number, r: number): boolean =>
    c >= 0 && r >= 0 && c < columns && r < rows && free[r * columns + c] === 1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (free[r * columns + c] !== 1) continue;
      let mask = 0;
      MOVES.forEach((m, k) => {
        if (ok(c + m.dc, r + m.dr) && (m.via.length === 0 || m.via.some(([vc, vr]) => ok(c + vc, r + vr))))
          mask |= 1 << k;
      });
      masks[r * columns + c] = mask;
    }
  }
  return masks;
}
