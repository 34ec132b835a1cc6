/**
 * TSPLIB reader for the instances the evaluation CLI accepts: TYPE TSP, EDGE_WEIGHT_TYPE EUC_2D,
 * a NODE_COORD_SECTION and an optional EOF. Both header spellings seen in the wild ("KEY: value"
 * and "KEY : value") are read. Anything else is refused with a message naming the line.
 */
import { invalid } from '../../../common/errors.ts';
import type { TourProblem } from './optimise-tour.ts';

export type TsplibInstance = {
  name: string;
  dimension: number;
  x: Float64Array;
  y: Float64Array;
};

const SUPPORTED_WEIGHT = 'EUC_2D';

export function parseTsplib(text: string): TsplibInstance {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, string>();
  let at = 0;
  for (; at < lines.length; at++) {
    const line = (lines[at] ?? '').trim();
    if (line === '') continue;
    if (line === 'NODE_COORD_SECTION') break;
    if (line === 'EOF') throw invalid('The file ends before its NODE_COORD_SECTION');
    const colon = line.indexOf(':');
    if (colon < 0)
      throw invalid(`Line ${at + 1}: expected "KEY: value" or NODE_COORD_SECTION, got "${line}"`);
    header.set(line.slice(0, colon).trim().toUpperCase(), line.slice(colon + 1).trim());
  }
  if (at >= lines.length) throw invalid('No NODE_COORD_SECTION found');

  const type = header.get('TYPE');
  if (type !== undefined && type.toUpperCase() !== 'TSP')
    throw invalid(`TYPE ${type} is not supported (only TSP)`);
  const weight = header.get('EDGE_WEIGHT_TYPE');
  if (weight === undefined) throw invalid('EDGE_WEIGHT_TYPE is missing');
  if (weight.toUpperCase() !== SUPPORTED_WEIGHT) {
    throw invalid(`EDGE_WEIGHT_TYPE ${weight} is not supported (only ${SUPPORTED_WEIGHT})`);
  }
  const dimText = header.get('DIMENSION');
  const dimension = Number(dimText);
  if (dimText === undefined || !Number.isInteger(dimension) || dimension < 1) {
    throw invalid(`DIMENSION must be a positive integer, got ${dimText ?? 'nothing'}`);
  }

  const x = new Float64Array(dimension);
  const y = new Float64Array(dimension);
  const seen = new Uint8Array(dimension);
  let count = 0;
  for (at++; at < lines.length; at++) {
    const line = (lines[at] ?? '').trim();
    if (line === '') continue;
    // EOF, or a later section (DISPLAY_DATA_SECTION, ...) that the tour does not need.
    if (line === 'EOF' || /^[A-Z_]+\s*(:.*)?$/.test(line)) break;
    const parts = line.split(/\s+/);
    const id = Number(parts[0]);
    const px = Number(parts[1]);
    const py = Number(parts[2]);
    if (parts.length !== 3 || !Number.isInteger(id) || !Number.isFinite(px) || !Number.isFinite(py)) {
      throw invalid(`Line ${at + 1}: expected "id x y", got "${line}"`);
    }
    if (id < 1 || id > dimension) throw invalid(`Line ${at + 1}: node ${id} is outside 1..${dimension}`);
    if (seen[id - 1] === 1) throw invalid(`Line ${at + 1}: node ${id} appears twice`);
    seen[id - 1] = 1;
    x[id - 1] = px;
    y[id - 1] = py;
    count++;
  }
  if (count !== dimension) throw invalid(`DIMENSION is ${dimension} but ${count} nodes were listed`);
  return { name: header.get('NAME') ?? '', dimension, x, y };
}

/** TSPLIB's EUC_2D metric: Euclidean distance rounded to the nearest integer. */
export function euc2dProblem(instance: TsplibInstance): TourProblem {
  const { x, y, dimension } = instance;
  return {
    n: dimension,
    // Math.hypot is several times slower than sqrt in V8, and this is the search's innermost call.
    cost: (i, j) => {
      const dx = (x[i] ?? 0) - (x[j] ?? 0);
      const dy = (y[i] ?? 0) - (y[j] ?? 0);
      return Math.round(Math.sqrt(dx * dx + dy * dy));
    },
    coords: { x, y },
  };
}
