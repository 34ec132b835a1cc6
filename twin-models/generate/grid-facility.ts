/**
 * A generated store-room grid: a stand-in for the real digital twin until it lands.
 *
 * Coordinates are metres, Y up. X runs across the aisles, Z along them; the dock wall is at z = 0 and
 * the racks start behind the staging area. For every location x and z are the centre of its footprint
 * and y is the height of its bottom above the floor (a renderer places a box at y + height / 2).
 * width is the extent along X, depth along Z, height along Y: world axes, not "rack face" terms, so a
 * renderer never has to know which way a rack faces.
 *
 * Rack geometry: one aisle letter is one walkway with a shelving run on each side. Bays are numbered
 * continuously along the walkway, odd bays on the left (lower x) face and even bays on the right, the
 * usual store-room convention: bay 01 faces bay 02, and a picker walking the aisle sees numbers rise on
 * both sides. This keeps `<AISLE>-<BAY>-<LEVEL>` unique without a face letter. Neighbouring aisles' runs
 * stand back to back with a small flue gap.
 *
 * capacity is the nominal volume of the location in litres, so it is comparable across locations;
 * how many units of an item fit depends on the item, which this module does not know.
 */

export type LocationKind = 'bin' | 'floor' | 'dock';

export type GeneratedLocation = {
  code: string;
  kind: LocationKind;
  aisle: string | null;
  bay: number | null;
  level: number | null;
  x: number;
  y: number;
  z: number;
  width: number;
  height: number;
  depth: number;
  capacity: number;
};

export type GridParams = {
  aisles: number;
  baysPerAisle: number;
  levels: number;
  /** Bins side by side in one bay at one level; above 1 the code gains a `-<n>` suffix. */
  binsPerBay?: number;
  docks?: number;
  /** Shelf depth (X) in metres. */
  rackDepth?: number;
  /** Bay width along the aisle (Z) in metres. */
  bayWidth?: number;
  /** Walkway width in metres. */
  aisleWidth?: number;
};

export type GridBounds = { minX: number; maxX: number; minZ: number; maxZ: number };

/** 12 aisles x 84 bays x 5 levels = 5,040 bins. */
export const DEMO_GRID: GridParams = { aisles: 12, baysPerAisle: 84, levels: 5, binsPerBay: 1, docks: 2 };

const FLUE_GAP = 0.1;
const FIRST_SHELF_Y = 0.1;
const SHELF_THICKNESS = 0.05;
const DOCK_ZONE_DEPTH = 10; // dock aprons plus staging in front of the racks
const FLOOR_ZONE_HEIGHT = 2.5;

/** A, B, ... Z, AA, AB, ...: the spreadsheet-column scheme people already read without thinking. */
export function aisleLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Bottom shelves take bulky stock, the top shelf is harder to reach, so it is kept shallow. */
function levelHeight(level: number, levels: number): number {
  if (level === 1) return 0.55;
  if (level === levels && levels >= 3) return 0.35;
  return 0.4;
}

const round3 = (v: number): number => Math.round(v * 1000) / 1000;
const litres = (w: number, h: number, d: number): number => Math.max(1, Math.round(w * h * d * 1000));

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
}

/**
 * Locations in a fixed order: all bins (aisle, then bay, then level, then position), then STAGING,
 * then the docks. Bins first means a bin's index in the result equals its index among bins.
 */
export function generateGridFacility(params: GridParams = DEMO_GRID): {
  locations: GeneratedLocation[];
  bounds: GridBounds;
} {
  const aisles = positiveInt('aisles', params.aisles);
  const bays = positiveInt('baysPerAisle', params.baysPerAisle);
  const levels = positiveInt('levels', params.levels);
  const binsPerBay = positiveInt('binsPerBay', params.binsPerBay ?? 1);
  const docks = positiveInt('docks', params.docks ?? 2);
  const rackDepth = params.rackDepth ?? 0.6;
  const bayWidth = params.bayWidth ?? 1.0;
  const aisleWidth = params.aisleWidth ?? 1.5;

  const pitch = 2 * rackDepth + aisleWidth + FLUE_GAP;
  const positionsPerFace = Math.ceil(bays / 2);
  const minZ = DOCK_ZONE_DEPTH;
  const bounds: GridBounds = {
    minX: 0,
    maxX: round3(aisles * pitch - FLUE_GAP),
    minZ,
    maxZ: round3(minZ + positionsPerFace * bayWidth),
  };

  const levelBottoms: number[] = [];
  let y = FIRST_SHELF_Y;
  for (let level = 1; level <= levels; level++) {
    levelBottoms.push(y);
    y += levelHeight(level, levels) + SHELF_THICKNESS;
  }

  const locations: GeneratedLocation[] = [];
  const binWidthZ = bayWidth / binsPerBay;
  for (let a = 0; a < aisles; a++) {
    const aisle = aisleLetters(a);
    const aisleX0 = a * pitch;
    for (let bay = 1; bay <= bays; bay++) {
      const leftFace = bay % 2 === 1;
      const x = leftFace ? aisleX0 + rackDepth / 2 : aisleX0 + rackDepth + aisleWidth + rackDepth / 2;
      const bayZ0 = minZ + Math.floor((bay - 1) / 2) * bayWidth;
      const bayCode = String(bay).padStart(2, '0');
      for (let level = 1; level <= levels; level++) {
        const height = levelHeight(level, levels);
        for (let pos = 1; pos <= binsPerBay; pos++) {
          const suffix = binsPerBay > 1 ? `-${pos}` : '';
          locations.push({
            code: `${aisle}-${bayCode}-${level}${suffix}`,
            kind: 'bin',
            aisle,
            bay,
            level,
            x: round3(x),
            y: round3(levelBottoms[level - 1] ?? 0),
            z: round3(bayZ0 + (pos - 0.5) * binWidthZ),
            width: rackDepth,
            height,
            depth: round3(binWidthZ),
            capacity: litres(rackDepth, height, binWidthZ),
          });
        }
      }
    }
  }

  const centreX = (bounds.minX + bounds.maxX) / 2;
  const stagingWidth = Math.min(20, Math.max(4, bounds.maxX * 0.6));
  locations.push(floorZone('STAGING', 'floor', centreX, 6.5, stagingWidth, 4));
  for (let i = 1; i <= docks; i++) {
    const x = bounds.minX + ((bounds.maxX - bounds.minX) * i) / (docks + 1);
    locations.push(floorZone(`DOCK-${i}`, 'dock', x, 2, 3.5, 3));
  }
  return { locations, bounds };
}

function floorZone(code: string, kind: LocationKind, x: number, z: number, width: number, depth: number) {
  return {
    code,
    kind,
    aisle: null,
    bay: null,
    level: null,
    x: round3(x),
    y: 0,
    z: round3(z),
    width: round3(width),
    height: FLOOR_ZONE_HEIGHT,
    depth: round3(depth),
    capacity: litres(width, FLOOR_ZONE_HEIGHT, depth),
  } satisfies GeneratedLocation;
}
