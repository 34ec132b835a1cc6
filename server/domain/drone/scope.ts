/**
 * Which bins an audit covers. The same function serves the planner's form, the voice command
 * ("audit aisle B") and the re-fly of disputed bins.
 */

import { exhaustive, invalid } from '../../../common/errors.ts';
import { type DerivedBin, footprintCorners, pointInQuad } from '../../../twin-models/geometry.ts';
import type { Facility } from '../../../twin-models/schema.ts';

export type AuditScope =
  | { kind: 'aisle'; aisle: string }
  | { kind: 'zone'; zoneId: string }
  | { kind: 'bins'; codes: string[] }
  | { kind: 'all' }
  /** Bins whose last count is older than `days`, or that were never counted. */
  | { kind: 'not-counted'; days: number };

export type ScopeContext = {
  /** Latest count of anything in the bin (ms), null when never counted. */
  lastCountedAt: (code: string) => number | null;
  now: number;
};

export function describeScope(scope: AuditScope): string {
  switch (scope.kind) {
    case 'aisle':
      return `Aisle ${scope.aisle}`;
    case 'zone':
      return `Zone ${scope.zoneId}`;
    case 'bins':
      return scope.codes.length === 1 ? `Bin ${scope.codes[0]}` : `${scope.codes.length} bins`;
    case 'all':
      return 'Every bin';
    case 'not-counted':
      return `Not counted in ${scope.days} days`;
    default:
      return exhaustive(scope);
  }
}

/** The scope's bins in document order; refuses a scope that names unknown things or selects nothing. */
export function selectBins(
  facility: Facility,
  bins: readonly DerivedBin[],
  scope: AuditScope,
  ctx: ScopeContext,
): DerivedBin[] {
  let out: DerivedBin[];
  switch (scope.kind) {
    case 'aisle': {
      const aisle = scope.aisle.trim().toUpperCase();
      out = bins.filter((b) => b.aisle === aisle);
      if (out.length === 0) throw invalid(`There is no aisle ${aisle} with bins in this layout`);
      break;
    }
    case 'zone': {
      const zone = facility.zones.find((z) => z.id === scope.zoneId);
      if (zone === undefined) throw invalid(`There is no zone ${scope.zoneId} in this layout`);
      const quad = footprintCorners(zone.footprint);
      out = bins.filter(
        (b) => b.floorId === zone.floorId && pointInQuad({ x: b.position.x, z: b.position.z }, quad),
      );
      break;
    }
    case 'bins': {
      const wanted = new Set(scope.codes.map((c) => c.trim().toUpperCase()));
      out = bins.filter((b) => wanted.has(b.code));
      if (out.length < wanted.size) {
        const known = new Set(out.map((b) => b.code));
        const unknown = [...wanted].filter((c) => !known.has(c));
        throw invalid(
          `Unknown bin(s): ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`,
          { unknown },
        );
      }
      break;
    }
    case 'all':
      out = [...bins];
      break;
    case 'not-counted': {
      const cutoff = ctx.now - scope.days * 86_400_000;
      out = bins.filter((b) => {
        const at = ctx.lastCountedAt(b.code);
        return at === null || at < cutoff;
      });
      break;
    }
    default:
      return exhaustive(scope);
  }
  if (out.length === 0) throw invalid(`No bins match: ${describeScope(scope)}`);
  return out;
}
