import { expect, test } from 'vitest';
import { formatDuration, lastAtOrBefore, positionAt, scannedBy } from './track-view.ts';

const track = {
  xyz: [0, 1, 0, 10, 1, 0, 10, 3, 0],
  t: [0, 10, 12],
  scanT: new Float64Array([5, 10, 11]),
};

test('the drone is interpolated along its legs and held at the ends', () => {
  const at = { x: 0, y: 0, z: 0 };
  positionAt(track, 5, at);
  expect(at).toEqual({ x: 5, y: 1, z: 0 });
  positionAt(track, 11, at);
  expect(at).toEqual({ x: 10, y: 2, z: 0 });
  positionAt(track, 99, at);
  expect(at).toEqual({ x: 10, y: 3, z: 0 });
});

test('bins count as scanned from the moment their scan completes', () => {
  expect(scannedBy(track, 4.9)).toBe(0);
  expect(scannedBy(track, 5)).toBe(1);
  expect(scannedBy(track, 10.5)).toBe(2);
  expect(scannedBy(track, 100)).toBe(3);
  expect(lastAtOrBefore([], 3)).toBe(-1);
});

test('durations read like a person would say them', () => {
  expect(formatDuration(42)).toBe('42 s');
  expect(formatDuration(125)).toBe('2 min 05 s');
  expect(formatDuration(3 * 3600 + 7 * 60)).toBe('3 h 07 min');
});
