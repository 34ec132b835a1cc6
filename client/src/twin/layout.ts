/**
 * What the 3D view draws, derived once per published layout: bins grouped into spatial chunks (one
 * instanced mesh each, so draw calls do not grow with the bin count and frustum culling still skips
 * chunks off screen), rack frames, and the simple boxes and floor patches for everything else.
 * Pure: no three.js objects here, only numbers.
 */
import {
  type DerivedBin,
  deriveBins,
  footprintCorners,
  quadBounds,
  rotateY,
  wallCorners,
} from '../../../twin-models/geometry.ts';
import type { Facility, Footprint } from '../../../twin-models/schema.ts';

/** A box in world coordinates: centre, size along its local axes, heading about +Y. */
export type Box = { x: number; y: number; z: number; w: number; h: number; d: number; r: number; c?: number };

export type Chunk = {
  key: string;
  /** Indices into `TwinLayout.bins`; an instance's id is its position in this list. */
  bins: number[];
  /** Rack uprights and shelves whose rack centre falls in the chunk. */
  frames: Box[];
};

export type TwinLayout = {
  bins: DerivedBin[];
  binIndex: Map<string, number>;
  /**
   * Per bin, four numbers: the unit vector from the bin towards its aisle (x, z), then the unit vector
   * along the rack's bays (x, z). Used to look at a bin from its aisle.
   */
  binFrames: Float32Array;
  chunks: Chunk[];
  floors: { id: string; name: string; elevation: number; width: number; depth: number }[];
  solids: Box[];
  workstations: Box[];
  docks: { code: string; box: Box; x: number; z: number }[];
  keepClear: Box[];
  zones: Box[];
  markers: { code: string; box: Box }[];
  /** Height of the highest rack top above its floor. */
  rackTop: number;
  /** Bounding box of all floors, for the first camera position. */
  extent: { minX: number; maxX: number; minZ: number; maxZ: number; maxY: number };
};

/**
 * Chunks are at least this big, and a floor is cut into at most MAX_CHUNKS of them: small enough that
 * off-screen chunks are culled, few enough that draw calls stay flat (two meshes per chunk) however
 * large the building. Measured: 20 m cells gave 226 draw calls on a 50,400-bin distribution centre.
 */
const MIN_CHUNK_M = 20;
const MAX_CHUNKS_PER_FLOOR = 20;

export function chunkSize(width: number, depth: number): number {
  let size = Math.max(MIN_CHUNK_M, Math.sqrt((width * depth) / MAX_CHUNKS_PER_FLOOR));
  while (Math.ceil(width / size) * Math.ceil(depth / size) > MAX_CHUNKS_PER_FLOOR) size *= 1.1;
  return size;
}
const UPRIGHT = 0.07;
const BEAM = 0.06;
const UPRIGHT_COLOUR = 0x2f5f98;
const BEAM_COLOUR = 0xf08a24;
/** Floor patches sit a little above the floor, and above each other, so they do not flicker. */
const PATCH_H = 0.01;

function patch(fp: Footprint, elevation: number, lift: number): Box {
  return {
    x: fp.x,
    y: elevation + lift,
    z: fp.z,
    w: fp.width,
    h: PATCH_H,
    d: fp.depth,
    r: fp.rotationY,
  };
}

export function buildLayout(facility: Facility): TwinLayout {
  const elevation = new Map(facility.floors.map((f) => [f.id, f.elevation]));
  const elev = (floorId: string) => elevation.get(floorId) ?? 0;
  const bins = deriveBins(facility);
  const binIndex = new Map<string, number>();
  const chunkMap = new Map<string, Chunk>();
  let rackTop = 0;
  const sizes = new Map(facility.floors.map((f) => [f.id, chunkSize(f.width, f.depth)]));
  const chunkOf = (floorId: string, x: number, z: number): Chunk => {
    const size = sizes.get(floorId) ?? MIN_CHUNK_M;
    const key = `${floorId}:${Math.floor(x / size)}:${Math.floor(z / size)}`;
    let chunk = chunkMap.get(key);
    if (chunk === undefined) {
      chunk = { key, bins: [], frames: [] };
      chunkMap.set(key, chunk);
    }
    return chunk;
  };

  bins.forEach((bin, i) => {
    binIndex.set(bin.code, i);
    chunkOf(bin.floorId, bin.position.x, bin.position.z).bins.push(i);
  });

  for (const rack of facility.racks) {
    const e = elev(rack.floorId);
    const side = rack.face === 'right' ? 1 : -1;
    const length = rack.bays * rack.bayWidth;
    const r = rack.origin.rotationY;
    const ox = rack.origin.position.x;
    const oz = rack.origin.position.z;
    const at = (lx: number, lz: number) => {
      const p = rotateY(lx, lz, r);
      return { x: ox + p.x, z: oz + p.z };
    };
    const centre = at(length / 2, (side * rack.depth) / 2);
    const frames = chunkOf(rack.floorId, centre.x, centre.z).frames;
    const levelsHeight = rack.levels.reduce((a, l) => a + l.height, 0);
    const top = rack.origin.position.y + levelsHeight;
    rackTop = Math.max(rackTop, top);
    for (let b = 0; b <= rack.bays; b++) {
      const lx = Math.min(Math.max(b * rack.bayWidth, UPRIGHT / 2), length - UPRIGHT / 2);
      for (const lz of [(side * UPRIGHT) / 2, side * (rack.depth - UPRIGHT / 2)]) {
        const p = at(lx, lz);
        frames.push({ x: p.x, y: e + top / 2, z: p.z, w: UPRIGHT, h: top, d: UPRIGHT, r, c: UPRIGHT_COLOUR });
      }
    }
    // Front and back beams under each level (pallet racking), so the bins stay visible from above.
    let y = rack.origin.position.y;
    for (let l = 0; l < rack.levels.length; l++) {
      for (const lz of [(side * BEAM) / 2, side * (rack.depth - BEAM / 2)]) {
        const p = at(length / 2, lz);
        frames.push({ x: p.x, y: e + y - BEAM / 2, z: p.z, w: length, h: BEAM, d: BEAM, r, c: BEAM_COLOUR });
      }
      y += rack.levels[l]?.height ?? 0;
    }
  }

  const binFrames = new Float32Array(bins.length * 4);
  let offset = 0;
  for (const rack of facility.racks) {
    const side = rack.face === 'right' ? 1 : -1;
    const toAisle = rotateY(0, -side, rack.origin.rotationY);
    const along = rotateY(1, 0, rack.origin.rotationY);
    const count = rack.bays * rack.levels.length;
    for (let i = 0; i < count; i++) binFrames.set([toAisle.x, toAisle.z, along.x, along.z], (offset + i) * 4);
    offset += count;
  }

  const solids: Box[] = [];
  for (const o of facility.obstacles) {
    const fp = o.footprint;
    solids.push({
      x: fp.x,
      y: elev(o.floorId) + o.height / 2,
      z: fp.z,
      w: fp.width,
      h: o.height,
      d: fp.depth,
      r: fp.rotationY,
    });
  }
  for (const w of facility.walls) {
    const q = wallCorners(w);
    const b = quadBounds(q);
    const dx = w.to.x - w.from.x;
    const dz = w.to.z - w.from.z;
    solids.push({
      x: (b.minX + b.maxX) / 2,
      y: elev(w.floorId) + w.height / 2,
      z: (b.minZ + b.maxZ) / 2,
      w: Math.hypot(dx, dz),
      h: w.height,
      d: w.thickness,
      r: Math.atan2(-dz, dx),
    });
  }
  for (const a of facility.assets) {
    const p = a.pose.position;
    solids.push({
      x: p.x,
      y: elev(a.floorId) + p.y + a.size.h / 2,
      z: p.z,
      w: a.size.w,
      h: a.size.h,
      d: a.size.d,
      r: a.pose.rotationY,
    });
  }
  const workstations = facility.workstations.map((w) => {
    const fp = w.footprint;
    return { x: fp.x, y: elev(w.floorId) + 0.45, z: fp.z, w: fp.width, h: 0.9, d: fp.depth, r: fp.rotationY };
  });

  const zones = [
    ...facility.zones.map((z) => patch(z.footprint, elev(z.floorId), 0.002)),
    ...facility.aisles.map((a) => patch(a.footprint, elev(a.floorId), 0.004)),
  ];
  const docks = facility.docks.map((d) => ({
    code: d.code,
    box: patch(d.footprint, elev(d.floorId), 0.006),
    x: d.footprint.x,
    z: d.footprint.z,
  }));
  const keepClear = facility.keepClear.map((k) => patch(k.footprint, elev(k.floorId), 0.008));
  const markers = facility.markers.map((m) => {
    const p = m.pose.position;
    return {
      code: m.code,
      box: { x: p.x, y: elev(m.floorId) + p.y, z: p.z, w: m.size, h: m.size, d: 0.02, r: m.pose.rotationY },
    };
  });

  let minX = 0;
  let maxX = 0;
  let minZ = 0;
  let maxZ = 0;
  let maxY = 0;
  facility.floors.forEach((f, i) => {
    if (i === 0 || f.width > maxX) maxX = f.width;
    if (i === 0 || f.depth > maxZ) maxZ = f.depth;
    maxY = Math.max(maxY, f.elevation);
  });
  for (const zone of facility.zones) {
    const b = quadBounds(footprintCorners(zone.footprint));
    minX = Math.min(minX, b.minX);
    minZ = Math.min(minZ, b.minZ);
  }

  return {
    bins,
    binIndex,
    binFrames,
    rackTop,
    chunks: [...chunkMap.values()],
    floors: facility.floors.map((f) => ({
      id: f.id,
      name: f.name,
      elevation: f.elevation,
      width: f.width,
      depth: f.depth,
    })),
    solids,
    workstations,
    docks,
    keepClear,
    zones,
    markers,
    extent: { minX, maxX, minZ, maxZ, maxY },
  };
}

type CameraPose = { target: [number, number, number]; position: [number, number, number] };

/**
 * Camera target and position for a set of bins. Bins along one aisle are seen from that aisle (low
 * down, a few metres back, so the racks across the aisle do not hide the bottom levels); bins spread
 * over several aisles are framed from above.
 */
export function framing(layout: TwinLayout, indices: readonly number[]): CameraPose | null {
  const bins = indices.flatMap((i) => {
    const b = layout.bins[i];
    return b === undefined ? [] : [b];
  });
  const first = indices[0];
  if (bins.length === 0 || first === undefined) return null;
  let x = 0;
  let y = 0;
  let z = 0;
  for (const b of bins) {
    x += b.position.x;
    y += b.position.y;
    z += b.position.z;
  }
  x /= bins.length;
  y /= bins.length;
  z /= bins.length;
  let spread = 0;
  for (const b of bins) spread = Math.max(spread, Math.hypot(b.position.x - x, b.position.z - z));
  const oneAisle = bins.every((b) => b.aisle === bins[0]?.aisle && b.floorId === bins[0]?.floorId);
  if (oneAisle && spread < 15) {
    const f = layout.binFrames;
    const ax = f[first * 4] ?? 0;
    const az = f[first * 4 + 1] ?? 0;
    const bx = f[first * 4 + 2] ?? 1;
    const bz = f[first * 4 + 3] ?? 0;
    const floorY = layout.floors.find((fl) => fl.id === bins[0]?.floorId)?.elevation ?? 0;
    // Half a rack depth plus half an aisle out from the bin's centre, then back along the aisle.
    const out = 0.3 + 0.75;
    const back = 7 + spread;
    return {
      target: [x + ax * out * 0.6, y, z + az * out * 0.6],
      position: [x + ax * out - bx * back, floorY + 3.3, z + az * out - bz * back],
    };
  }
  const distance = Math.max(7, spread * 2.2);
  return {
    target: [x, y, z],
    position: [x + distance * 0.55, y + distance * 0.75, z + distance * 0.6],
  };
}

/** The whole building from above its long side: where the view starts and "Reset view" returns. */
export function overview(layout: TwinLayout): {
  target: [number, number, number];
  position: [number, number, number];
} {
  const { minX, maxX, minZ, maxZ } = layout.extent;
  const cx = (minX + maxX) / 2;
  const cz = (minZ + maxZ) / 2;
  const size = Math.max(maxX - minX, maxZ - minZ);
  // From the long side, so a long building lies across a landscape view.
  const alongX = maxX - minX >= maxZ - minZ;
  return {
    target: [cx, 0, cz],
    position: alongX
      ? [cx + size * 0.15, size * 0.7, cz + size * 0.75]
      : [cx + size * 0.75, size * 0.7, cz + size * 0.15],
  };
}
