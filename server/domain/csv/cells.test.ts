import { expect, test } from 'vitest';
import { choice } from './cells.ts';

test('a choice left empty takes its default, as a missing column does; anything else must be a choice', () => {
  const tracking = choice('tracking', ['none', 'lot', 'serial'], 'none');
  expect(tracking.parse(undefined)).toBe('none');
  expect(tracking.parse('')).toBe('none');
  expect(tracking.parse('  ')).toBe('none');
  expect(tracking.parse(' Lot ')).toBe('lot');
  expect(tracking.safeParse('batch').error?.issues[0]?.message).toBe('tracking must be none, lot or serial');
});
