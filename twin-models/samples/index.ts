/**
 * The committed sample facilities, loaded through loadFacility. JSON imports (not fs) so this module
 * works in the browser bundle as well as in Node and tests.
 */
import { loadFacility } from '../load.ts';
import type { Facility } from '../schema.ts';
import demoWarehouseJson from './demo-warehouse.json' with { type: 'json' };
import plantRoomJson from './plant-room.json' with { type: 'json' };
import type { SampleName } from './recipes.ts';

const RAW: Record<SampleName, unknown> = {
  'demo-warehouse': demoWarehouseJson,
  'plant-room': plantRoomJson,
};

/** Throws, because a committed sample that fails validation is a bug in this repository, not input. */
export function loadSample(name: SampleName): Facility {
  const result = loadFacility(RAW[name]);
  if (!result.ok) throw new Error(`sample ${name} is invalid:\n  ${result.errors.join('\n  ')}`);
  return result.facility;
}

export function demoWarehouse(): Facility {
  return loadSample('demo-warehouse');
}

export function plantRoom(): Facility {
  return loadSample('plant-room');
}
