/** How each committed sample is made; build-samples.ts writes them and a test checks they are current. */
import { generatePlantRoom } from '../generate/plant-room.ts';
import { generateWarehouse } from '../generate/warehouse.ts';
import type { Facility } from '../schema.ts';

export const SAMPLE_NAMES = ['demo-warehouse', 'plant-room'] as const;
export type SampleName = (typeof SAMPLE_NAMES)[number];

export const SAMPLE_RECIPES: Record<SampleName, () => Facility> = {
  'demo-warehouse': () => generateWarehouse({}, 42),
  'plant-room': () => generatePlantRoom({}, 7),
};

const LINE_WIDTH = 110; // biome.json's lineWidth

/**
 * JSON laid out the way Biome formats it (a value stays on one line when it fits, otherwise its
 * members go one per line), so `biome check` accepts a freshly built sample without a format pass.
 */
export function sampleJson(facility: Facility): string {
  return `${layout(facility, 0, 0)}\n`;
}

function flat(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flat).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${flat(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

/** `used`: columns already taken on the line before the value plus any trailing comma after it. */
function layout(value: unknown, indent: number, used: number): string {
  const one = flat(value);
  if (indent + used + one.length <= LINE_WIDTH || value === null || typeof value !== 'object') return one;
  const pad = ' '.repeat(indent + 2);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v, i) => {
      const comma = i < value.length - 1 ? 1 : 0;
      return `${pad}${layout(v, indent + 2, comma)}${comma ? ',' : ''}`;
    });
    return `[\n${items.join('\n')}\n${' '.repeat(indent)}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const members = entries.map(([k, v], i) => {
    const key = `${JSON.stringify(k)}: `;
    const comma = i < entries.length - 1 ? 1 : 0;
    return `${pad}${key}${layout(v, indent + 2, key.length + comma)}${comma ? ',' : ''}`;
  });
  return `{\n${members.join('\n')}\n${' '.repeat(indent)}}`;
}
