/**
 * Plant room with a maintenance store: plant (pumps, boilers, AHUs, ...) on the open floor at the
 * front, a partition with a doorway, and spares shelving along the back wall of the store.
 * Deterministic: the seed places the plant (rejection sampling with a fixed attempt budget, so a
 * crowded room yields fewer assets rather than a different layout per run) and the panels.
 */
import { type Quad, quadInsideBounds, quadsOverlap, rectCorners, rotateY } from '../geometry.ts';
import type { Facility } from '../schema.ts';
import { markerPrefix, mm, mulberry32 } from './random.ts';

export type PlantRoomParams = {
  id: string;
  name: string;
  width: number;
  depth: number;
  /** Assets to place; fewer are placed if the room is too full. */
  assets: number;
  shelvingRacks: number;
  baysPerRack: number;
  levels: number;
  bayWidth: number;
  shelfDepth: number;
};

export const PLANT_ROOM_DEFAULTS: PlantRoomParams = {
  id: 'plant-room',
  name: 'Plant room and maintenance store',
  width: 24,
  depth: 18,
  assets: 12,
  shelvingRacks: 3,
  baysPerRack: 6,
  levels: 5,
  bayWidth: 1.0,
  shelfDepth: 0.5,
};

type AssetKind = { kind: string; prefix: string; label: string; w: number; d: number; h: number };

const KINDS: readonly [AssetKind, ...AssetKind[]] = [
  { kind: 'pump', prefix: 'P', label: 'Pump', w: 1.0, d: 0.6, h: 0.8 },
  { kind: 'boiler', prefix: 'B', label: 'Boiler', w: 1.6, d: 1.0, h: 1.8 },
  { kind: 'ahu', prefix: 'AHU', label: 'Air handling unit', w: 3.0, d: 1.5, h: 2.0 },
  { kind: 'chiller', prefix: 'CH', label: 'Chiller', w: 2.5, d: 1.2, h: 1.8 },
  { kind: 'pressure-vessel', prefix: 'PV', label: 'Expansion vessel', w: 0.8, d: 0.8, h: 1.6 },
  { kind: 'compressor', prefix: 'AC', label: 'Air compressor', w: 1.2, d: 0.8, h: 1.2 },
  { kind: 'water-heater', prefix: 'WH', label: 'Water heater', w: 0.7, d: 0.7, h: 1.8 },
];

const STORE_DEPTH = 4.0;
const WALL_THICKNESS = 0.15;
const DOORWAY = 1.8;
const CLEARANCE = 0.8; // maintenance access all round a machine
const ATTEMPTS = 200;

export function generatePlantRoom(overrides: Partial<PlantRoomParams>, seed: number): Facility {
  const p: PlantRoomParams = { ...PLANT_ROOM_DEFAULTS, ...overrides };
  const rng = mulberry32(seed);
  const floorId = 'F1';
  const { width, depth } = p;
  const plantDepth = depth - STORE_DEPTH;
  const rackLength = p.baysPerRack * p.bayWidth;
  if (p.shelvingRacks * (rackLength + 1) + 1 > width) {
    throw new Error(`${p.shelvingRacks} shelving racks of ${rackLength} m do not fit a ${width} m back wall`);
  }
  if (plantDepth < 6) throw new Error('the room is too shallow for plant and a store');

  const rect = (cx: number, cz: number, w: number, d: number, rotationY = 0) => ({
    x: mm(cx),
    z: mm(cz),
    width: mm(w),
    depth: mm(d),
    rotationY,
  });
  const f: Facility = {
    version: 2,
    id: p.id,
    name: p.name,
    floors: [{ id: floorId, name: 'Plant room', elevation: 0, width, depth }],
    walls: [
      {
        id: 'W-1',
        floorId,
        from: { x: 0, z: plantDepth },
        to: { x: mm(width / 2 - DOORWAY / 2), z: plantDepth },
        thickness: WALL_THICKNESS,
        height: 3,
      },
      {
        id: 'W-2',
        floorId,
        from: { x: mm(width / 2 + DOORWAY / 2), z: plantDepth },
        to: { x: width, z: plantDepth },
        thickness: WALL_THICKNESS,
        height: 3,
      },
    ],
    obstacles: [],
    zones: [
      {
        id: 'Z-PLANT',
        floorId,
        name: 'Plant',
        kind: 'plant',
        footprint: rect(width / 2, plantDepth / 2, width, plantDepth),
      },
      {
        id: 'Z-STORE',
        floorId,
        name: 'Maintenance store',
        kind: 'workshop',
        footprint: rect(width / 2, plantDepth + STORE_DEPTH / 2, width, STORE_DEPTH),
      },
    ],
    aisles: [],
    racks: [],
    docks: [],
    workstations: [
      {
        id: 'WS-1',
        floorId,
        name: 'Workbench',
        kind: 'workbench',
        footprint: rect(2.0, plantDepth + WALL_THICKNESS / 2 + 0.45, 2.0, 0.8),
      },
    ],
    assets: [],
    keepClear: [],
    markers: [],
    generator: { name: 'plant-room', seed, params: { ...p } },
  };
  const prefix = markerPrefix(rng);
  const marker = (id: string, x: number, y: number, z: number, rotationY: number): void => {
    f.markers.push({
      id,
      floorId,
      code: `${prefix}-${String(f.markers.length + 1).padStart(4, '0')}`,
      pose: { position: { x: mm(x), y: mm(y), z: mm(z) }, rotationY },
      size: 0.15,
    });
  };

  // Shelving against the back wall; one aisle letter, numbered straight along, as a store reads it.
  for (let k = 0; k < p.shelvingRacks; k++) {
    const x = 1 + k * (rackLength + 1);
    f.racks.push({
      id: `R-S-${k + 1}`,
      floorId,
      aisle: 'S',
      face: 'right',
      numbering: 'sequential',
      origin: { position: { x, y: 0.1, z: mm(depth - 0.05 - p.shelfDepth) }, rotationY: 0 },
      firstBay: 1 + k * p.baysPerRack,
      bays: p.baysPerRack,
      bayWidth: p.bayWidth,
      depth: p.shelfDepth,
      levels: Array.from({ length: p.levels }, (_, l) => ({ height: l === 0 ? 0.5 : 0.4 })),
    });
    marker(`M-S-${k + 1}`, x + 0.05, 1.4, depth - 0.05 - p.shelfDepth, Math.PI);
  }
  f.aisles.push({
    id: 'AISLE-S',
    floorId,
    kind: 'aisle',
    letter: 'S',
    footprint: rect(width / 2, depth - 0.05 - p.shelfDepth - 0.75, width, 1.5),
  });

  // Two distribution boards on the left wall, one in each half of the plant floor.
  const panels = [rng.range(2, plantDepth / 2 - 1), rng.range(plantDepth / 2 + 1, plantDepth - 1.5)];
  panels.forEach((z, k) => {
    f.obstacles.push({
      id: `EP-${k + 1}`,
      floorId,
      kind: 'electrical-panel',
      footprint: rect(0.15, z, 0.3, 1.0),
      height: 2.0,
    });
    f.keepClear.push({
      id: `KC-EP-${k + 1}`,
      floorId,
      reason: 'electrical-panel',
      footprint: rect(0.8, z, 1.0, 1.2),
    });
  });
  f.obstacles.push({
    id: 'RISER-1',
    floorId,
    kind: 'pipe-riser',
    footprint: rect(width - 0.4, plantDepth - 0.4, 0.4, 0.4),
    height: 3,
  });
  f.keepClear.push(
    { id: 'KC-EXIT-1', floorId, reason: 'fire-exit', footprint: rect(width / 2, 0.75, 2.0, 1.5) },
    {
      id: 'KC-EXIT-2',
      floorId,
      reason: 'fire-exit',
      footprint: rect(width - 0.75, plantDepth / 2, 1.5, 2.0),
    },
  );
  // The store's escape route and only way in run through the partition doorway, so the doorway is
  // kept free of plant (below) but is not a keep-clear area: routes must never cross those, and a
  // keep-clear doorway would cut the store off.
  const doorway = rectCorners(width / 2, plantDepth, DOORWAY, 2.0, 0);
  marker('M-DOOR', width / 2 + 1.2, 1.6, 0.01, 0);

  const floorBounds = { minX: 0, maxX: width, minZ: 0, maxZ: plantDepth - WALL_THICKNESS };
  const taken: Quad[] = [
    doorway,
    ...f.keepClear.map((k) =>
      rectCorners(k.footprint.x, k.footprint.z, k.footprint.width, k.footprint.depth, 0),
    ),
    ...f.obstacles.map((o) =>
      rectCorners(o.footprint.x, o.footprint.z, o.footprint.width, o.footprint.depth, 0),
    ),
  ];
  const counters = new Map<string, number>();
  for (let n = 0; n < p.assets; n++) {
    const kind = rng.pick(KINDS);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const rotationY = rng.pick([0, Math.PI / 2, Math.PI, -Math.PI / 2] as const);
      const x = mm(rng.range(1, width - 1));
      const z = mm(rng.range(1, plantDepth - 1));
      const withRoom = rectCorners(x, z, kind.w + 2 * CLEARANCE, kind.d + 2 * CLEARANCE, rotationY);
      if (!quadInsideBounds(rectCorners(x, z, kind.w, kind.d, rotationY), floorBounds)) continue;
      if (taken.some((q) => quadsOverlap(q, withRoom))) continue;
      taken.push(rectCorners(x, z, kind.w, kind.d, rotationY));
      const count = (counters.get(kind.prefix) ?? 0) + 1;
      counters.set(kind.prefix, count);
      const tag = `${kind.prefix}-${100 + count}`;
      f.assets.push({
        id: `A-${tag}`,
        floorId,
        assetTag: tag,
        kind: kind.kind,
        name: `${kind.label} ${tag}`,
        pose: { position: { x, y: 0, z }, rotationY },
        size: { w: kind.w, h: kind.h, d: kind.d },
      });
      // On the machine's front face (local +Z), at eye height or its top if lower.
      const front = rotateY(0, kind.d / 2 + 0.01, rotationY);
      marker(`M-${tag}`, x + front.x, Math.min(1.5, kind.h - 0.1), z + front.z, rotationY);
      break;
    }
  }
  return f;
}
