/**
 * Sample plant assets (the equipment maintenance looks after) with meters and preventive-maintenance
 * plans. Assets stand in a plant area beside the rack grid so the 3D view shows both without overlap.
 */

import type { Criticality } from '../../common/masters/asset.ts';
import type { Rng } from './random.ts';
import { shuffled } from './random.ts';

export type MeterUnit = 'hours' | 'cycles' | 'km';
export type Priority = 'low' | 'medium' | 'high' | 'urgent';

export type GeneratedPlan = {
  title: string;
  intervalDays: number | null;
  intervalMeter: number | null;
  priority: Priority;
  lastDoneDaysAgo: number;
  lastDoneMeterAgo: number;
};

export type GeneratedAsset = {
  tag: string;
  name: string;
  aliases: string[];
  type: string;
  criticality: Criticality;
  category: string;
  x: number;
  z: number;
  meterUnit: MeterUnit | null;
  meterValue: number;
  plans: GeneratedPlan[];
};

type PlanTemplate = { title: string; days?: number; meter?: number; priority: Priority };

export type AssetType = {
  prefix: string;
  noun: string;
  nickname: string;
  category: string;
  places: readonly string[];
  meterUnit: MeterUnit | null;
  /** Meter units accrued per day in service. */
  meterPerDay: number;
  weight: number;
  plans: readonly PlanTemplate[];
};

export const ASSET_TYPES: readonly AssetType[] = [
  {
    prefix: 'AHU',
    noun: 'Air handling unit',
    nickname: 'air handler',
    category: 'HVAC',
    places: ['roof', 'plant room 1', 'plant room 2', 'mezzanine', 'goods-in'],
    meterUnit: 'hours',
    meterPerDay: 16,
    weight: 8,
    plans: [
      { title: 'Replace pre and bag filters', days: 90, priority: 'medium' },
      { title: 'Check and re-tension V-belts', days: 30, priority: 'medium' },
      { title: 'Clean coils and drain pan', days: 180, priority: 'medium' },
      { title: 'Grease fan bearings', meter: 2000, priority: 'low' },
    ],
  },
  {
    prefix: 'CH',
    noun: 'Chiller',
    nickname: 'chiller',
    category: 'HVAC',
    places: ['roof', 'plant yard'],
    meterUnit: 'hours',
    meterPerDay: 12,
    weight: 2,
    plans: [
      { title: 'F-gas refrigerant leak check', days: 180, priority: 'high' },
      { title: 'Clean condenser coils', days: 90, priority: 'medium' },
      { title: 'Compressor oil analysis', meter: 4000, priority: 'medium' },
    ],
  },
  {
    prefix: 'B',
    noun: 'Boiler',
    nickname: 'boiler',
    category: 'Heating',
    places: ['boiler house', 'plant room 1'],
    meterUnit: 'hours',
    meterPerDay: 10,
    weight: 3,
    plans: [
      { title: 'Annual gas safety service', days: 365, priority: 'high' },
      { title: 'Burner combustion check', days: 180, priority: 'medium' },
      { title: 'Water treatment dosing check', days: 30, priority: 'low' },
    ],
  },
  {
    prefix: 'P',
    noun: 'Pump',
    nickname: 'pump',
    category: 'Pumps',
    places: ['plant room 1', 'plant room 2', 'boiler house', 'sprinkler room', 'basement'],
    meterUnit: 'hours',
    meterPerDay: 14,
    weight: 12,
    plans: [
      { title: 'Check mechanical seal for leaks', days: 30, priority: 'medium' },
      { title: 'Grease motor and pump bearings', days: 90, meter: 2000, priority: 'low' },
      { title: 'Vibration survey', days: 180, priority: 'low' },
      { title: 'Check coupling alignment', meter: 8000, priority: 'medium' },
    ],
  },
  {
    prefix: 'AC',
    noun: 'Air compressor',
    nickname: 'compressor',
    category: 'Compressed air',
    places: ['compressor house', 'plant yard'],
    meterUnit: 'hours',
    meterPerDay: 18,
    weight: 3,
    plans: [
      { title: 'Change oil and oil filter', meter: 2000, priority: 'medium' },
      { title: 'Replace air/oil separator', meter: 4000, days: 365, priority: 'medium' },
      { title: 'Drain and inspect air receiver', days: 30, priority: 'low' },
      { title: 'Pressure system written-scheme examination', days: 365, priority: 'high' },
    ],
  },
  {
    prefix: 'FLT',
    noun: 'Forklift truck',
    nickname: 'forklift',
    category: 'Material handling',
    places: ['warehouse', 'goods-in', 'dispatch'],
    meterUnit: 'hours',
    meterPerDay: 6,
    weight: 7,
    plans: [
      { title: 'Planned service A', meter: 500, priority: 'medium' },
      { title: 'LOLER thorough examination', days: 182, priority: 'urgent' },
      { title: 'Battery water top-up and charger check', days: 7, priority: 'low' },
    ],
  },
  {
    prefix: 'CNV',
    noun: 'Conveyor',
    nickname: 'conveyor',
    category: 'Material handling',
    places: ['dispatch line', 'goods-in line', 'sortation'],
    meterUnit: 'hours',
    meterPerDay: 14,
    weight: 5,
    plans: [
      { title: 'Inspect belt tracking and splices', days: 30, priority: 'medium' },
      { title: 'Lubricate drive chain', days: 14, priority: 'low' },
      { title: 'Replace gearbox oil', meter: 10_000, priority: 'medium' },
      { title: 'Test emergency pull-cords', days: 7, priority: 'high' },
    ],
  },
  {
    prefix: 'DL',
    noun: 'Dock leveller',
    nickname: 'leveller',
    category: 'Dock equipment',
    places: ['dock 1', 'dock 2', 'dock 3', 'dock 4'],
    meterUnit: 'cycles',
    meterPerDay: 25,
    weight: 4,
    plans: [
      { title: 'Service hydraulics and lip hinge', days: 180, meter: 5000, priority: 'medium' },
      { title: 'Inspect safety legs and toe guards', days: 90, priority: 'high' },
    ],
  },
  {
    prefix: 'DD',
    noun: 'Sectional dock door',
    nickname: 'dock door',
    category: 'Dock equipment',
    places: ['dock 1', 'dock 2', 'dock 3', 'dock 4'],
    meterUnit: 'cycles',
    meterPerDay: 30,
    weight: 3,
    plans: [
      { title: 'Service door springs and cables', days: 180, meter: 8000, priority: 'medium' },
      { title: 'Check safety edge and photocells', days: 90, priority: 'high' },
    ],
  },
  {
    prefix: 'FP',
    noun: 'Fire pump',
    nickname: 'sprinkler pump',
    category: 'Fire protection',
    places: ['sprinkler room'],
    meterUnit: 'hours',
    meterPerDay: 0.1,
    weight: 2,
    plans: [
      { title: 'Weekly run test and log', days: 7, priority: 'urgent' },
      { title: 'Annual flow test', days: 365, priority: 'high' },
      { title: 'Check diesel tank level and batteries', days: 30, priority: 'high' },
    ],
  },
  {
    prefix: 'GEN',
    noun: 'Standby generator',
    nickname: 'genny',
    category: 'Power',
    places: ['plant yard', 'generator enclosure'],
    meterUnit: 'hours',
    meterPerDay: 0.4,
    weight: 2,
    plans: [
      { title: 'Monthly off-load run test', days: 30, priority: 'high' },
      { title: 'Change oil, fuel and air filters', days: 365, meter: 250, priority: 'medium' },
      { title: 'Load bank test', days: 365, priority: 'high' },
    ],
  },
  {
    prefix: 'LFT',
    noun: 'Goods lift',
    nickname: 'lift',
    category: 'Lifts',
    places: ['mezzanine core', 'office core'],
    meterUnit: 'cycles',
    meterPerDay: 120,
    weight: 2,
    plans: [
      { title: 'LOLER thorough examination', days: 182, priority: 'urgent' },
      { title: 'Contractor maintenance visit', days: 90, priority: 'medium' },
    ],
  },
  {
    prefix: 'CT',
    noun: 'Cooling tower',
    nickname: 'tower',
    category: 'Water treatment',
    places: ['roof'],
    meterUnit: null,
    meterPerDay: 0,
    weight: 1,
    plans: [
      { title: 'Legionella water sampling', days: 30, priority: 'high' },
      { title: 'Clean and disinfect pond and packs', days: 182, priority: 'high' },
    ],
  },
  {
    prefix: 'SWP',
    noun: 'Ride-on sweeper',
    nickname: 'sweeper',
    category: 'Vehicles',
    places: ['yard', 'warehouse'],
    meterUnit: 'km',
    meterPerDay: 9,
    weight: 1,
    plans: [
      { title: 'Replace main brush and side brooms', meter: 1500, priority: 'low' },
      { title: 'Engine service', days: 365, meter: 3000, priority: 'medium' },
    ],
  },
  {
    prefix: 'VAN',
    noun: 'Maintenance van',
    nickname: 'van',
    category: 'Vehicles',
    places: ['yard'],
    meterUnit: 'km',
    meterPerDay: 60,
    weight: 1,
    plans: [
      { title: 'Annual vehicle service', days: 365, meter: 20_000, priority: 'medium' },
      { title: 'Check tyres and lights', days: 30, priority: 'low' },
    ],
  },
];

/** Life safety and whole-site supply first; everything else can wait a day. */
const CRITICALITY: Readonly<Record<string, Criticality>> = {
  FP: 'critical',
  GEN: 'critical',
  LFT: 'high',
  CH: 'high',
  B: 'high',
  SWP: 'low',
  VAN: 'low',
};

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function round(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}

function chooseTypes(rng: Rng, count: number): AssetType[] {
  // One of each first, so even a small site has every kind of equipment the demo talks about.
  const out: AssetType[] = ASSET_TYPES.slice(0, Math.min(count, ASSET_TYPES.length));
  const weightSum = ASSET_TYPES.reduce((s, t) => s + t.weight, 0);
  while (out.length < count) {
    let r = rng.next() * weightSum;
    let chosen = ASSET_TYPES[0];
    for (const t of ASSET_TYPES) {
      r -= t.weight;
      chosen = t;
      if (r < 0) break;
    }
    if (chosen) out.push(chosen);
  }
  // Grouping by type keeps numbering (AHU-01, AHU-02...) and floor layout tidy.
  return out.sort((a, b) => ASSET_TYPES.indexOf(a) - ASSET_TYPES.indexOf(b));
}

export function generateAssets(
  rng: Rng,
  count = 60,
  bounds: { minX: number; maxX: number; minZ: number; maxZ: number },
): GeneratedAsset[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`generateAssets: bad count ${count}`);
  const types = chooseTypes(rng, count);

  // A loose grid in the plant strip x in [maxX + 3, maxX + 20] so equipment never overlaps the racks or
  // each other; jitter keeps it from looking machine-placed.
  const columns = 4;
  const rows = Math.max(1, Math.ceil(count / columns));
  const xFrom = bounds.maxX + 5;
  const xStep = 12 / (columns - 1);
  const zSpan = Math.max(0, bounds.maxZ - bounds.minZ);
  const zStep = zSpan / rows;
  const cells = shuffled(
    rng,
    Array.from({ length: rows * columns }, (_, i) => i),
  );

  const numbers = new Map<string, number>();
  const assets: GeneratedAsset[] = types.map((type, i) => {
    const n = (numbers.get(type.prefix) ?? 0) + 1;
    numbers.set(type.prefix, n);
    const tag = `${type.prefix}-${pad(n, 2)}`;
    const place = rng.pick(type.places);
    const cell = cells[i] ?? i;
    const col = cell % columns;
    const row = Math.floor(cell / columns);
    const jitter = Math.min(0.8, zStep / 4);
    const x = round(xFrom + col * xStep + (rng.next() - 0.5) * 1.2, 2);
    const z = round(bounds.minZ + zStep * (row + 0.5) + (rng.next() - 0.5) * 2 * jitter, 2);

    const ageDays = rng.int(200, 3650);
    const meterValue =
      type.meterUnit === null ? 0 : Math.round(type.meterPerDay * ageDays * (0.7 + rng.next() * 0.6));
    const planTemplates = shuffled(rng, type.plans).slice(0, rng.int(1, Math.min(3, type.plans.length)));
    const plans: GeneratedPlan[] = planTemplates.map((p) => {
      const intervalDays = p.days ?? null;
      const intervalMeter = type.meterUnit !== null && p.meter !== undefined ? p.meter : null;
      const overdue = rng.chance(0.22);
      const lastDoneDaysAgo =
        intervalDays !== null
          ? overdue
            ? intervalDays + rng.int(1, Math.max(1, Math.ceil(intervalDays / 3)))
            : rng.int(0, Math.max(0, intervalDays - 1))
          : rng.int(5, 200);
      const rate = type.meterPerDay * (0.7 + rng.next() * 0.6);
      let lastDoneMeterAgo = Math.round(rate * lastDoneDaysAgo);
      if (intervalMeter !== null) {
        lastDoneMeterAgo = overdue
          ? intervalMeter + rng.int(1, Math.max(1, Math.ceil(intervalMeter / 5)))
          : rng.int(0, Math.max(0, intervalMeter - 1));
      }
      return {
        title: p.title,
        // A plan with a meter interval on an asset without a meter would never fire; fall back to time.
        intervalDays: intervalDays ?? (intervalMeter === null ? 90 : null),
        intervalMeter,
        priority: p.priority,
        lastDoneDaysAgo,
        lastDoneMeterAgo: Math.min(lastDoneMeterAgo, meterValue),
      };
    });
    return {
      tag,
      name: `${type.noun} ${n}, ${place}`,
      aliases: [`${type.prefix}${n}`, `${type.nickname} ${n}`, `${place} ${type.nickname}`],
      type: type.noun,
      criticality: CRITICALITY[type.prefix] ?? 'medium',
      category: type.category,
      x,
      z,
      meterUnit: type.meterUnit,
      meterValue,
      plans,
    };
  });
  // "the roof chiller" only identifies an asset if it is the only one of its kind up there.
  const placeUses = new Map<string, number>();
  for (const a of assets) {
    const p = a.aliases[2];
    if (p !== undefined) placeUses.set(p, (placeUses.get(p) ?? 0) + 1);
  }
  for (const a of assets) {
    const p = a.aliases[2];
    if (p !== undefined && (placeUses.get(p) ?? 0) > 1) a.aliases.pop();
  }
  return assets;
}
