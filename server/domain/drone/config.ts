import { invalid } from '../../../common/errors.ts';

/**
 * What a drone and its operator can do. Defaults describe a small indoor inventory drone
 * (about 2 m/s in an aisle, 20 minutes of battery); a planner can change any of them per audit.
 */
export type DroneConfig = {
  /** Transit speed in m/s (to, from and between rack faces), horizontal and vertical alike. */
  speedMps: number;
  /**
   * Speed while stepping from one bin to the next along a face: slow, so the camera settles on
   * each label. Moves between bins that are not neighbours on one face fly at `speedMps`.
   */
  scanMoveMps: number;
  batteryMinutes: number;
  /** Kept unused in every sortie so the drone always lands with charge to spare. */
  reserveMinutes: number;
  /** Hover time to read one bin face (labels and stock). */
  secondsPerScan: number;
  chargeMinutes: number;
  /** Distance from the bin face to the scan point, into the aisle. */
  standOffM: number;
  /** Bays per rack-face segment (the unit the route optimiser orders). */
  segmentBays: number;
  /** Dock code from the twin where the first sortie takes off; default: the dock nearest the selected bins. */
  dockCode: string | null;
  /**
   * Every dock in the twin is a drone dock with a charger: a sortie lands at the dock nearest its
   * last bin, charges there and the next sortie takes off from it. False: always back to the home dock.
   */
  landAtNearestDock: boolean;
  /**
   * Flying over the racks is only allowed when the building is tall enough: the cruise altitude is
   * the tallest rack or obstacle plus `clearanceM`, and must stay `clearanceM` under `ceilingM`.
   * Null: fly along aisles and cross only at cross-aisles and the open ends.
   */
  overRacks: { ceilingM: number; clearanceM: number } | null;
  /** Wall-clock budget for the route optimiser; default scales with the number of segments. */
  optimiseMs: number | null;
};

export const DEFAULT_DRONE_CONFIG: DroneConfig = {
  speedMps: 3,
  scanMoveMps: 1,
  batteryMinutes: 20,
  reserveMinutes: 4,
  secondsPerScan: 2,
  chargeMinutes: 10,
  standOffM: 0.5,
  segmentBays: 10,
  dockCode: null,
  landAtNearestDock: false,
  overRacks: null,
  optimiseMs: null,
};

/** Overrides as they arrive from a form or the API: absent or undefined keep the default. */
export type DroneConfigInput = { [K in keyof DroneConfig]?: DroneConfig[K] | undefined };

export function definedOnly<T extends object>(o: { [K in keyof T]?: T[K] | undefined }): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function resolveConfig(partial: DroneConfigInput = {}): DroneConfig {
  const c: DroneConfig = { ...DEFAULT_DRONE_CONFIG, ...definedOnly<DroneConfig>(partial) };
  const positive: (keyof DroneConfig)[] = [
    'speedMps',
    'scanMoveMps',
    'batteryMinutes',
    'secondsPerScan',
    'standOffM',
  ];
  for (const key of positive) {
    const v = c[key];
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw invalid(`${key} must be above 0`);
  }
  if (!(c.reserveMinutes >= 0) || c.reserveMinutes >= c.batteryMinutes) {
    throw invalid('The battery reserve must be at least 0 and less than the battery time');
  }
  if (!(c.chargeMinutes >= 0)) throw invalid('chargeMinutes must be 0 or more');
  if (!Number.isInteger(c.segmentBays) || c.segmentBays < 1)
    throw invalid('segmentBays must be a whole number, 1 or more');
  if (c.overRacks !== null && !(c.overRacks.clearanceM > 0 && c.overRacks.ceilingM > 0)) {
    throw invalid('Ceiling height and clearance must be above 0');
  }
  return c;
}

/** Seconds of flight a sortie may use: the battery less the reserve. */
export const usableSeconds = (c: DroneConfig): number => (c.batteryMinutes - c.reserveMinutes) * 60;
