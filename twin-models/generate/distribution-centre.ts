/**
 * A large distribution centre for benchmarks: pallet racking, 50,400 bins, goods-in and goods-out
 * split across one long dock wall. Not committed as a sample (it would be a large file that no
 * screen needs); generate it where it is used, it takes milliseconds.
 */
import type { Facility } from '../schema.ts';
import { generateWarehouse, type WarehouseParams } from './warehouse.ts';

/** 36 aisles x 2 faces x 100 bays x 7 levels = 50,400 pallet locations on a ~200 x 300 m floor. */
export const DISTRIBUTION_CENTRE_DEFAULTS: WarehouseParams = {
  id: 'distribution-centre',
  name: 'Distribution centre',
  rows: 36,
  baysPerRow: 100,
  levels: 7,
  bayWidth: 2.7,
  rackDepth: 1.1,
  levelHeight: 1.6,
  baseHeight: 0.15,
  aisleWidth: 3.2,
  flueGap: 0.3,
  crossAisleEvery: 20,
  crossAisleWidth: 4.0,
  docks: 36,
  workstations: 12,
  splitGoodsInOut: true,
};

export function generateDistributionCentre(overrides: Partial<WarehouseParams>, seed: number): Facility {
  const f = generateWarehouse({ ...DISTRIBUTION_CENTRE_DEFAULTS, ...overrides }, seed);
  return { ...f, generator: { ...(f.generator ?? { seed, params: {} }), name: 'distribution-centre' } };
}
