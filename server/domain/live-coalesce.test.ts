import { expect, test } from 'vitest';
import type { LiveEvent } from '../../common/live-events.ts';
import { type Coalescable, coalesce } from './live-coalesce.ts';

let nextId = 1;
const entry = (event: LiveEvent): Coalescable => ({ id: nextId++, event, json: JSON.stringify(event) });
const bin = (locationId: number, onHand: number, lot = '') => ({
  locationId,
  code: `A-0${locationId}`,
  lot,
  onHand,
  reserved: 0,
});

test('a burst of picks of one item becomes one event with every bin at its newest numbers', () => {
  const burst = [
    entry({ type: 'stock', itemId: 7, locations: [bin(1, 99)] }),
    entry({ type: 'work_order', workOrderId: 3, status: 'in_progress' }),
    entry({ type: 'stock', itemId: 7, locations: [bin(2, 40)] }),
    entry({ type: 'stock', itemId: 8, locations: [bin(1, 5)] }),
    entry({ type: 'stock', itemId: 7, locations: [bin(1, 97), bin(1, 3, 'L1')] }),
  ];
  const out = coalesce(burst);
  expect(out.map((e) => e.event)).toEqual([
    { type: 'work_order', workOrderId: 3, status: 'in_progress' },
    { type: 'stock', itemId: 8, locations: [bin(1, 5)] },
    { type: 'stock', itemId: 7, locations: [bin(1, 97), bin(2, 40), bin(1, 3, 'L1')] },
  ]);
  // Each keeps the id of its newest change, so a screen resuming from it has missed nothing.
  expect(out.map((e) => e.id)).toEqual([burst[1]?.id, burst[3]?.id, burst[4]?.id]);
  // Only the merged event is serialised again; the others keep the writer's text.
  expect(out[0]?.json).toBe(burst[1]?.json);
  expect(JSON.parse(out[2]?.json ?? '')).toEqual(out[2]?.event);
});

test('a record changed twice is heard once, with its newest state; other kinds of event stay in place', () => {
  const burst = [
    entry({ type: 'work_order', workOrderId: 3, status: 'assigned' }),
    entry({ type: 'account', userId: 4, signOut: null }),
    entry({ type: 'resync' }),
    entry({ type: 'work_order', workOrderId: 3, status: 'in_progress' }),
    entry({ type: 'work_order', workOrderId: 4, status: 'open' }),
  ];
  expect(coalesce(burst).map((e) => e.event)).toEqual([
    { type: 'account', userId: 4, signOut: null },
    { type: 'resync' },
    { type: 'work_order', workOrderId: 3, status: 'in_progress' },
    { type: 'work_order', workOrderId: 4, status: 'open' },
  ]);
});
