/**
 * Regenerates the committed sample facilities: `npx tsx twin-models/samples/build-samples.ts`.
 * Each is validated before it is written, so a generator bug cannot land a broken sample.
 */
import { writeFileSync } from 'node:fs';
import { deriveBins } from '../geometry.ts';
import { loadFacility } from '../load.ts';
import { SAMPLE_NAMES, SAMPLE_RECIPES, sampleJson } from './recipes.ts';

for (const name of SAMPLE_NAMES) {
  const text = sampleJson(SAMPLE_RECIPES[name]());
  const loaded = loadFacility(JSON.parse(text));
  if (!loaded.ok) {
    console.error(`${name} is invalid:\n  ${loaded.errors.join('\n  ')}`);
    process.exit(1);
  }
  const file = new URL(`./${name}.json`, import.meta.url);
  writeFileSync(file, text);
  const bins = deriveBins(loaded.facility).length;
  console.log(`${name}.json: ${loaded.facility.racks.length} racks, ${bins} bins, ${text.length} bytes`);
}
