import { expect, test } from 'vitest';
import { generateDistributionCentre } from '../../../twin-models/generate/distribution-centre.ts';
import { demoWarehouse } from '../../../twin-models/samples/index.ts';
import { buildLayout, chunkSize } from './layout.ts';

test('a floor is cut into at most 20 chunks of at least 20 m', () => {
  for (const [w, d] of [
    [10, 10],
    [37.5, 67],
    [200, 300],
    [1000, 40],
  ] as const) {
    const s = chunkSize(w, d);
    expect(s).toBeGreaterThanOrEqual(20);
    expect(Math.ceil(w / s) * Math.ceil(d / s)).toBeLessThanOrEqual(20);
  }
});

test('the number of chunks (and so draw calls) does not grow with the number of bins', () => {
  const demo = buildLayout(demoWarehouse());
  const dc = buildLayout(generateDistributionCentre({}, 1));
  const binsIn = (l: typeof demo) => l.chunks.reduce((n, c) => n + c.bins.length, 0);
  expect(binsIn(dc)).toBeGreaterThanOrEqual(50_000);
  expect(binsIn(dc) / binsIn(demo)).toBeGreaterThan(9);
  expect(dc.chunks.length).toBeLessThanOrEqual(20);
  expect(demo.chunks.length).toBeLessThanOrEqual(20);
});
