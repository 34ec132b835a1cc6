/**
 * Warehouse generator: rows of back-to-back racking along Z, a dock wall at z = 0 with staging in
 * front of the racks, cross-aisles every N bays and a rear cross-aisle. Deterministic: the same
 * params and seed give a deep-equal document.
 *
 * Along X a row is: [right-face rack][aisle][left-face rack][flue], so neighbouring rows' racks stand
 * back to back across the flue. Racks turn by −π/2 so their local +X (bay direction) is world +Z;
 * see geometry.ts for the frame. The seed varies what a real site varies without changing the plan:
 * per-aisle level heights (a taller bottom level for bulky stock, a shallow top), the electrical
 * panel's position on the side wall, and the printed marker codes.
 */
import type { Facility } from '../schema.ts';
import { aisleLetter, markerPrefix, mm, mulberry32 } from './random.ts';

export type WarehouseParams = {
  id: string;
  name: string;
  /** Aisles; each has a rack on both sides. */
  rows: number;
  /** Bay positions along each aisle (each face has this many bays). */
  baysPerRow: number;
  levels: number;
  bayWidth: number;
  rackDepth: number;
  /** Typical level height; the seed varies the bottom and top level per aisle. */
  levelHeight: number;
  /** Clearance under level 1. */
  baseHeight: number;
  aisleWidth: number;
  /** Gap between back-to-back racks (fire code flue space). */
  flueGap: number;
  /** A cross-aisle after every N bay positions; 0 for none. */
  crossAisleEvery: number;
  crossAisleWidth: number;
  docks: number;
  workstations: number;
  /** Two staging zones, goods-in on the left half and goods-out on the right, instead of one. */
  splitGoodsInOut: boolean;
};

/** 12 aisles x 2 faces x 44 bays x 5 levels = 5,280 shelving bins. */
export const WAREHOUSE_DEFAULTS: WarehouseParams = {
  id: 'demo-warehouse',
  name: 'Demo warehouse',
  rows: 12,
  baysPerRow: 44,
  levels: 5,
  bayWidth: 1.0,
  rackDepth: 0.6,
  levelHeight: 0.4,
  baseHeight: 0.1,
  aisleWidth: 1.5,
  flueGap: 0.1,
  crossAisleEvery: 11,
  crossAisleWidth: 2.0,
  docks: 4,
  workstations: 3,
  splitGoodsInOut: false,
};

const PERIMETER = 2.0; // side walkways between the outer racks and the walls
const APRON = 4.0; // dock aprons inside the doors
const STAGING = 14.0; // aprons plus staging, in front of the racks
const REAR = 3.0; // rear cross-aisle
const DOCK_PITCH = 5.0;
const MARKER_SIZE = 0.2;

export function generateWarehouse(overrides: Partial<WarehouseParams>, seed: number): Facility {
  const p: WarehouseParams = { ...WAREHOUSE_DEFAULTS, ...overrides };
  if (p.rows < 1 || p.baysPerRow < 1 || p.levels < 1)
    throw new Error('rows, baysPerRow and levels must be >= 1');
  const rng = mulberry32(seed);
  const floorId = 'F1';

  const pitch = 2 * p.rackDepth + p.aisleWidth + p.flueGap;
  const every = p.crossAisleEvery > 0 ? p.crossAisleEvery : p.baysPerRow;
  const gaps = Math.floor((p.baysPerRow - 1) / every);
  const runLength = p.baysPerRow * p.bayWidth + gaps * p.crossAisleWidth;
  const width = mm(2 * PERIMETER + p.rows * pitch - p.flueGap);
  const depth = mm(STAGING + runLength + REAR);
  const zEnd = STAGING + runLength;
  if (p.docks * DOCK_PITCH > width - 2 * PERIMETER) {
    throw new Error(
      `${p.docks} docks need ${p.docks * DOCK_PITCH} m of dock wall; the floor is ${width} m wide`,
    );
  }

  const f: Facility = {
    version: 2,
    id: p.id,
    name: p.name,
    floors: [{ id: floorId, name: 'Ground floor', elevation: 0, width, depth }],
    walls: [],
    obstacles: [],
    zones: [],
    aisles: [],
    racks: [],
    docks: [],
    workstations: [],
    assets: [],
    keepClear: [],
    markers: [],
    generator: { name: 'warehouse', seed, params: { ...p } },
  };
  const prefix = markerPrefix(rng);
  let markerNo = 0;
  const marker = (id: string, x: number, y: number, z: number, rotationY: number): void => {
    markerNo++;
    f.markers.push({
      id,
      floorId,
      code: `${prefix}-${String(markerNo).padStart(4, '0')}`,
      pose: { position: { x: mm(x), y: mm(y), z: mm(z) }, rotationY },
      size: MARKER_SIZE,
    });
  };
  const rect = (cx: number, cz: number, w: number, d: number) => ({
    x: mm(cx),
    z: mm(cz),
    width: mm(w),
    depth: mm(d),
    rotationY: 0,
  });

  // Bay segments along the aisle, split by cross-aisles.
  const segments: { first: number; count: number; z: number }[] = [];
  for (let s = 0, first = 0; first < p.baysPerRow; s++, first += every) {
    segments.push({
      first: first + 1,
      count: Math.min(every, p.baysPerRow - first),
      z: STAGING + first * p.bayWidth + s * p.crossAisleWidth,
    });
  }

  for (let i = 0; i < p.rows; i++) {
    const letter = aisleLetter(i);
    const xs = PERIMETER + i * pitch;
    const aisleX = xs + p.rackDepth + p.aisleWidth / 2;
    const bottom = rng.pick([1, 1.25, 1.5] as const);
    const top = rng.pick([0.875, 1] as const);
    const levels = Array.from({ length: p.levels }, (_, l) => {
      const factor = l === 0 ? bottom : l === p.levels - 1 && p.levels >= 3 ? top : 1;
      return { height: mm(p.levelHeight * factor) };
    });
    segments.forEach((seg, s) => {
      for (const face of ['right', 'left'] as const) {
        // Right-face racks extend to local +Z (world −X), so they start at the aisle's low-x edge.
        const x = face === 'right' ? xs + p.rackDepth : xs + p.rackDepth + p.aisleWidth;
        f.racks.push({
          id: `R-${letter}-${s + 1}-${face === 'right' ? 'R' : 'L'}`,
          floorId,
          aisle: letter,
          face,
          numbering: 'odd-even',
          origin: { position: { x: mm(x), y: p.baseHeight, z: mm(seg.z) }, rotationY: -Math.PI / 2 },
          firstBay: seg.first,
          bays: seg.count,
          bayWidth: p.bayWidth,
          depth: p.rackDepth,
          levels: levels.map((l) => ({ ...l })),
        });
      }
    });
    f.aisles.push({
      id: `AISLE-${letter}`,
      floorId,
      kind: 'aisle',
      letter,
      footprint: rect(aisleX, STAGING + runLength / 2, p.aisleWidth, runLength),
    });
    // Markers on the end frames of the right-face rack, facing out of the aisle at both ends.
    marker(`M-${letter}-FRONT`, xs + p.rackDepth / 2, 1.4, STAGING, Math.PI);
    marker(`M-${letter}-REAR`, xs + p.rackDepth / 2, 1.4, zEnd, 0);
    if (i > 0) {
      f.obstacles.push({
        id: `COL-${i}`,
        floorId,
        kind: 'column',
        footprint: rect(xs - p.flueGap / 2, zEnd + 0.5, 0.4, 0.4),
        height: 8,
      });
    }
  }

  const innerWidth = width - 2 * PERIMETER;
  for (let g = 0; g < gaps; g++) {
    const z0 = STAGING + (g + 1) * every * p.bayWidth + g * p.crossAisleWidth;
    f.aisles.push({
      id: `XA-${g + 1}`,
      floorId,
      kind: 'cross-aisle',
      footprint: rect(width / 2, z0 + p.crossAisleWidth / 2, innerWidth, p.crossAisleWidth),
    });
  }
  f.aisles.push({
    id: 'XA-REAR',
    floorId,
    kind: 'cross-aisle',
    footprint: rect(width / 2, zEnd + REAR / 2, width, REAR),
  });

  for (let k = 0; k < p.docks; k++) {
    const x = width / 2 + (k - (p.docks - 1) / 2) * DOCK_PITCH;
    f.docks.push({
      id: `DOCK-${k + 1}`,
      floorId,
      code: `D${k + 1}`,
      footprint: rect(x, APRON / 2, 3.5, APRON),
    });
    marker(`M-DOCK-${k + 1}`, x - 2.2, 1.6, 0.05, 0);
  }

  f.zones.push({
    id: 'Z-STORAGE',
    floorId,
    name: 'Racking',
    kind: 'storage',
    footprint: rect(width / 2, STAGING + runLength / 2, innerWidth, runLength),
  });
  if (p.splitGoodsInOut) {
    f.zones.push({
      id: 'Z-GOODS-IN',
      floorId,
      name: 'Goods in',
      kind: 'goods-in',
      footprint: rect(width / 4, STAGING / 2, width / 2, STAGING),
    });
    f.zones.push({
      id: 'Z-GOODS-OUT',
      floorId,
      name: 'Goods out',
      kind: 'goods-out',
      footprint: rect((3 * width) / 4, STAGING / 2, width / 2, STAGING),
    });
  } else {
    f.zones.push({
      id: 'Z-STAGING',
      floorId,
      name: 'Docks and staging',
      kind: 'staging',
      footprint: rect(width / 2, STAGING / 2, width, STAGING),
    });
  }

  for (let k = 0; k < p.workstations; k++) {
    f.workstations.push({
      id: `WS-${k + 1}`,
      floorId,
      name: `Packing bench ${k + 1}`,
      kind: 'packing',
      footprint: rect(width - 3 - k * 3, STAGING - 3, 2.0, 0.9),
    });
  }

  // Fire exits: one in each side wall by the staging area, two in the rear wall.
  const exits = [
    rect(0.75, 6, 1.5, 2.0),
    rect(width - 0.75, 6, 1.5, 2.0),
    rect(width * 0.25, depth - 0.75, 2.0, 1.5),
    rect(width * 0.75, depth - 0.75, 2.0, 1.5),
  ];
  exits.forEach((footprint, k) => {
    f.keepClear.push({ id: `KC-EXIT-${k + 1}`, floorId, reason: 'fire-exit', footprint });
  });
  const panelZ = rng.range(8.5, STAGING - 1.5);
  f.obstacles.push({
    id: 'EP-1',
    floorId,
    kind: 'electrical-panel',
    footprint: rect(0.15, panelZ, 0.3, 1.2),
    height: 2.0,
  });
  // A metre of clear floor in front of a distribution board, the usual working-space rule.
  f.keepClear.push({
    id: 'KC-EP-1',
    floorId,
    reason: 'electrical-panel',
    footprint: rect(0.8, panelZ, 1.0, 1.2),
  });
  marker('M-EP-1', 0.01, 1.6, panelZ + 0.9, Math.PI / 2);

  return f;
}
