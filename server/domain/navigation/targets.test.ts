import { describe, expect, test } from 'vitest';
import { demoWarehouse } from '../../../twin-models/samples/index.ts';
import { accessPoint } from './targets.ts';

describe('where to stand for an asset the twin does not place', () => {
  const facility = demoWarehouse();

  test('one kept at a bin is reached at that bin, named after the asset', () => {
    const bin = accessPoint(facility, { kind: 'bin', code: 'A-01-1' });
    const asset = accessPoint(facility, {
      kind: 'asset',
      id: 'VAC-1',
      known: { name: 'Spare vacuum pump', at: { kind: 'bin', code: 'A-01-1' } },
    });
    if (!bin.ok || !asset.ok) throw new Error('expected both to resolve');
    expect(asset.access).toEqual({ ...bin.access, label: 'Spare vacuum pump (bin A-01-1)' });
  });

  test('one in a zone is reached inside the zone, its centre first', () => {
    const r = accessPoint(facility, {
      kind: 'asset',
      id: 'TRL-1',
      known: { name: 'Pallet truck 1', at: { kind: 'zone', zoneId: 'Z-STAGING' } },
    });
    if (!r.ok) throw new Error(r.reason);
    expect(r.access.label).toBe('Pallet truck 1 (Docks and staging)');
    expect(r.access.candidates[0]).toEqual({ x: 18.75, z: 7 });
    expect(r.access.candidates).toHaveLength(5);
  });

  test('one the register places nowhere cannot be reached, and says so', () => {
    expect(
      accessPoint(facility, { kind: 'asset', id: 'X-1', known: { name: 'Loose drill', at: null } }),
    ).toEqual({
      ok: false,
      reason: 'Loose drill has no place in the layout',
    });
    expect(
      accessPoint(facility, {
        kind: 'asset',
        id: 'X-2',
        known: { name: 'Old press', at: { kind: 'zone', zoneId: 'Z-GONE' } },
      }),
    ).toEqual({ ok: false, reason: 'Old press is in zone Z-GONE, which the layout no longer has' });
  });
});
