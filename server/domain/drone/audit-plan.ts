/**
 * One drone audit from scope to stored plan, and back from the stored plan to flyable points. The
 * stored plan keeps only bin codes per sortie and the figures; positions are derived again from the
 * layout revision it was planned on, like everything else about bins.
 */

import { invalid } from '../../../common/errors.ts';
import { type DerivedBin, deriveBins } from '../../../twin-models/geometry.ts';
import type { Dock, Facility } from '../../../twin-models/schema.ts';
import type { DroneConfig } from './config.ts';
import { buildFlightSpace, type DockStop, dockByCode, type FlightSpace } from './flight-space.ts';
import {
  baselineSequence,
  type PlanFigures,
  type PlanHooks,
  type PlanMethod,
  planRoute,
  splitIntoSorties,
} from './plan.ts';
import { type AuditScope, type ScopeContext, selectBins } from './scope.ts';
import { type ScanPoint, scanPoints, segmentsOf } from './waypoints.ts';

export type StoredSortie = {
  fromDock: string;
  toDock: string;
  bins: string[];
  distanceM: number;
  flightS: number;
};

export type StoredPlan = {
  version: 1;
  dockCode: string;
  figures: PlanFigures;
  /** Which sequence won: aisle bands, the optimised segment tour, or the starting order. */
  method: PlanMethod;
  /** The same pipeline on the serpentine starting order. */
  startingOrder: PlanFigures;
  optimiser: { initialLength: number; length: number; ms: number; segments: number };
  sorties: StoredSortie[];
};

/** The named dock, or the one nearest the middle of the selected bins. */
export function chooseDock(facility: Facility, bins: readonly DerivedBin[], code: string | null): Dock {
  if (code !== null) {
    const dock = facility.docks.find((d) => d.code === code);
    if (dock === undefined) throw invalid(`There is no dock ${code} in this layout`);
    return dock;
  }
  const first = bins[0];
  const floorId = first?.floorId;
  const docks = facility.docks.filter((d) => d.floorId === floorId);
  if (docks.length === 0) throw invalid('The layout has no dock on this floor for the drone to fly from');
  let x = 0;
  let z = 0;
  for (const b of bins) {
    x += b.position.x;
    z += b.position.z;
  }
  x /= bins.length;
  z /= bins.length;
  const dist = (d: Dock) => Math.hypot(d.footprint.x - x, d.footprint.z - z);
  return docks.reduce((best, d) => (dist(d) < dist(best) ? d : best));
}

export type PreparedAudit = { space: FlightSpace; scans: ScanPoint[]; bins: DerivedBin[] };

export function prepareAudit(
  facility: Facility,
  scope: AuditScope,
  config: DroneConfig,
  ctx: ScopeContext,
): PreparedAudit {
  const bins = selectBins(facility, deriveBins(facility), scope, ctx);
  const space = buildFlightSpace(facility, chooseDock(facility, bins, config.dockCode), config);
  return { space, scans: scanPoints(facility, space, bins, config), bins };
}

export async function planAudit(
  facility: Facility,
  scope: AuditScope,
  config: DroneConfig,
  ctx: ScopeContext,
  hooks: PlanHooks = {},
): Promise<StoredPlan> {
  hooks.progress?.(0.05, 'Selecting bins and building the flight space');
  const { space, scans } = prepareAudit(facility, scope, config, ctx);
  await hooks.yield?.();
  hooks.progress?.(0.2, 'Grouping bins into rack-face segments');
  const segments = segmentsOf(space, scans, config.segmentBays);
  await hooks.yield?.();
  const route = await planRoute(space, segments, config, hooks);
  return {
    version: 1,
    dockCode: space.dock.code,
    figures: route.figures,
    method: route.method,
    startingOrder: route.startingOrder,
    optimiser: { ...route.optimiser, segments: segments.length },
    sorties: route.sorties.map((s) => ({
      fromDock: s.fromDock,
      toDock: s.toDock,
      bins: s.scans.map((p) => p.code),
      distanceM: s.distanceM,
      flightS: s.flightS,
    })),
  };
}

/** The serpentine aisle-by-aisle baseline for the same bins, split by the same battery rules. */
export function baselinePlan(prepared: PreparedAudit, config: DroneConfig) {
  return splitIntoSorties(prepared.space, baselineSequence(prepared.scans), config);
}

export type FlyableSortie = { from: DockStop; to: DockStop; scans: ScanPoint[] };

/** The stored plan's sorties as flyable points on the layout it was planned on. */
export function replan(
  facility: Facility,
  plan: StoredPlan,
  config: DroneConfig,
): { space: FlightSpace; sorties: FlyableSortie[] } {
  const codes = plan.sorties.flatMap((s) => s.bins);
  const { space, scans } = prepareAudit(
    facility,
    { kind: 'bins', codes },
    { ...config, dockCode: plan.dockCode },
    { lastCountedAt: () => null, now: 0 },
  );
  const byCode = new Map(scans.map((s) => [s.code, s]));
  return {
    space,
    sorties: plan.sorties.map((s) => ({
      from: dockByCode(space, s.fromDock),
      to: dockByCode(space, s.toDock),
      scans: s.bins.flatMap((c) => {
        const p = byCode.get(c);
        return p ? [p] : [];
      }),
    })),
  };
}
