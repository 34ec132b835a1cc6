import { describe, expect, test } from 'vitest';
import { DomainError } from '../../common/errors.ts';
import {
  type ItemInfo,
  type LocationInfo,
  type OperationPlan,
  type PlanOutcome,
  planStockOperations,
  type Snapshot,
  type StockOperation,
  type StockRow,
  stockKey,
  touchedKeys,
} from './stock-ledger.ts';

const BOLT = 1; // untracked
const OIL = 2; // lot-tracked
const MOTOR = 3; // serial-tracked
const A01 = 10;
const A02 = 11;
const RETIRED = 12;

const ITEMS: ReadonlyMap<number, ItemInfo> = new Map([
  [BOLT, { id: BOLT, name: 'Hex bolt M8', unit: 'pcs', tracking: 'none' }],
  [OIL, { id: OIL, name: 'Hydraulic oil', unit: 'L', tracking: 'lot' }],
  [MOTOR, { id: MOTOR, name: 'Pump motor', unit: 'ea', tracking: 'serial' }],
]);
const LOCATIONS: ReadonlyMap<number, LocationInfo> = new Map([
  [A01, { id: A01, code: 'A-01', active: true }],
  [A02, { id: A02, code: 'A-02', active: true }],
  [RETIRED, { id: RETIRED, code: 'OLD-99', active: false }],
]);

type Seed = { itemId: number; locationId: number; lot?: string; onHand: number; reserved?: number };

function snapshot(seeds: readonly Seed[] = []): Snapshot {
  const stock = new Map<string, StockRow>();
  for (const s of seeds) {
    const lot = s.lot ?? '';
    stock.set(stockKey(s.itemId, s.locationId, lot), {
      itemId: s.itemId,
      locationId: s.locationId,
      lot,
      onHand: s.onHand,
      reserved: s.reserved ?? 0,
      lastCountedAt: null,
    });
  }
  return { items: ITEMS, locations: LOCATIONS, stock };
}

function run(s: Snapshot, op: StockOperation): PlanOutcome {
  const [outcome, ...rest] = planStockOperations(s, [op]);
  if (outcome === undefined || rest.length > 0) throw new Error('expected exactly one outcome');
  return outcome;
}

function ok(s: Snapshot, op: StockOperation): OperationPlan {
  const outcome = run(s, op);
  if (!outcome.ok) throw new Error(`unexpectedly refused: ${outcome.error.message}`);
  return outcome.plan;
}

/** Asserts the operation is refused and that the snapshot is exactly as it was before. */
function refused(s: Snapshot, op: StockOperation): DomainError {
  const before = structuredClone(s.stock);
  const outcome = run(s, op);
  if (outcome.ok) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.plan)}`);
  expect(outcome.error).toBeInstanceOf(DomainError);
  expect(s.stock).toEqual(before);
  return outcome.error;
}

function held(s: Snapshot, itemId: number, locationId: number, lot = '') {
  const r = s.stock.get(stockKey(itemId, locationId, lot));
  return r === undefined ? undefined : { onHand: r.onHand, reserved: r.reserved };
}

const line = (over: Partial<OperationPlan['lines'][number]>) => ({
  itemId: BOLT,
  lot: '',
  countedQty: null,
  reason: null,
  refType: null,
  refId: null,
  ...over,
});

describe('stockKey and touchedKeys', () => {
  test('stockKey joins item, location and lot', () => {
    expect(stockKey(1, 10, 'L-7')).toBe('1|10|L-7');
    expect(stockKey(1, 10, '')).toBe('1|10|');
    expect(stockKey(1, 10, '')).not.toBe(stockKey(11, 0, ''));
  });

  test('a transfer touches both bins, with the lot defaulting to empty', () => {
    expect(
      touchedKeys({
        kind: 'transfer',
        itemId: OIL,
        fromLocationId: A01,
        toLocationId: A02,
        qty: 1,
        lot: 'L1',
      }),
    ).toEqual([
      { itemId: OIL, locationId: A01, lot: 'L1' },
      { itemId: OIL, locationId: A02, lot: 'L1' },
    ]);
    expect(
      touchedKeys({ kind: 'put_away', itemId: BOLT, fromLocationId: A02, toLocationId: A01, qty: 1 }),
    ).toEqual([
      { itemId: BOLT, locationId: A02, lot: '' },
      { itemId: BOLT, locationId: A01, lot: '' },
    ]);
  });

  test.each([
    { kind: 'receive', itemId: BOLT, locationId: A01, qty: 1 },
    { kind: 'pick', itemId: BOLT, locationId: A01, qty: 1 },
    { kind: 'adjust', itemId: BOLT, locationId: A01, delta: 1 },
    { kind: 'count', itemId: BOLT, locationId: A01, countedQty: 1 },
    { kind: 'reserve', itemId: BOLT, locationId: A01, qty: 1 },
    { kind: 'release', itemId: BOLT, locationId: A01, qty: 1 },
  ] satisfies StockOperation[])('$kind touches its one bin', (op) => {
    expect(touchedKeys(op)).toEqual([{ itemId: BOLT, locationId: A01, lot: '' }]);
  });
});

describe('receive', () => {
  test('into an empty bin creates the row and records a positive line', () => {
    const s = snapshot();
    const plan = ok(s, { kind: 'receive', itemId: BOLT, locationId: A01, qty: 5, refType: 'po', refId: 42 });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 5, reserved: 0 });
    expect(plan.lines).toEqual([
      line({ kind: 'receive', locationId: A01, qty: 5, refType: 'po', refId: 42 }),
    ]);
    expect(plan.after).toEqual([{ locationId: A01, code: 'A-01', lot: '', onHand: 5, reserved: 0 }]);
  });

  test('adds to what is already there and keeps the reservation', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 7, reserved: 2 }]);
    ok(s, { kind: 'receive', itemId: BOLT, locationId: A01, qty: 3 });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 10, reserved: 2 });
  });

  test('a lot is trimmed before it is used as a key', () => {
    const s = snapshot([{ itemId: OIL, locationId: A01, lot: 'L-7', onHand: 4 }]);
    const plan = ok(s, { kind: 'receive', itemId: OIL, locationId: A01, qty: 6, lot: '  L-7 ' });
    expect(held(s, OIL, A01, 'L-7')).toEqual({ onHand: 10, reserved: 0 });
    expect(s.stock.has(stockKey(OIL, A01, '  L-7 '))).toBe(false);
    expect(plan.lines[0]?.lot).toBe('L-7');
  });

  test('different lots of one item in one bin are kept apart', () => {
    const s = snapshot([{ itemId: OIL, locationId: A01, lot: 'L1', onHand: 4 }]);
    ok(s, { kind: 'receive', itemId: OIL, locationId: A01, qty: 6, lot: 'L2' });
    expect(held(s, OIL, A01, 'L1')).toEqual({ onHand: 4, reserved: 0 });
    expect(held(s, OIL, A01, 'L2')).toEqual({ onHand: 6, reserved: 0 });
  });

  test('a retired bin cannot take stock', () => {
    const s = snapshot();
    const error = refused(s, { kind: 'receive', itemId: BOLT, locationId: RETIRED, qty: 1 });
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('Bin OLD-99 is retired and cannot take stock');
  });

  test.each([0, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('quantity %s is refused', (qty) => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 5 }]);
    const error = refused(s, { kind: 'receive', itemId: BOLT, locationId: A01, qty });
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe('Quantity received must be a whole number above 0');
  });

  test('an unknown item or location is refused as not found', () => {
    const s = snapshot();
    const item = refused(s, { kind: 'receive', itemId: 99, locationId: A01, qty: 1 });
    expect([item.kind, item.message]).toEqual(['not_found', 'Item 99 does not exist']);
    const loc = refused(s, { kind: 'receive', itemId: BOLT, locationId: 98, qty: 1 });
    expect([loc.kind, loc.message]).toEqual(['not_found', 'Location 98 does not exist']);
  });
});

describe('lots and serial numbers', () => {
  test.each([undefined, '', '   '])('a lot-tracked item needs a lot (given %j)', (lot) => {
    const s = snapshot();
    const error = refused(s, { kind: 'receive', itemId: OIL, locationId: A01, qty: 1, lot });
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe('Hydraulic oil is tracked by lot; give one');
  });

  test('a serial-tracked item needs a serial number', () => {
    const error = refused(snapshot(), { kind: 'receive', itemId: MOTOR, locationId: A01, qty: 1 });
    expect(error.message).toBe('Pump motor is tracked by serial number; give one');
  });

  test('an untracked item refuses a lot, on every kind of operation', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    const ops: StockOperation[] = [
      { kind: 'receive', itemId: BOLT, locationId: A01, qty: 1, lot: 'L1' },
      { kind: 'pick', itemId: BOLT, locationId: A01, qty: 1, lot: 'L1' },
      { kind: 'transfer', itemId: BOLT, fromLocationId: A01, toLocationId: A02, qty: 1, lot: 'L1' },
      { kind: 'count', itemId: BOLT, locationId: A01, countedQty: 1, lot: 'L1' },
    ];
    for (const op of ops) {
      const error = refused(s, op);
      expect(error.kind).toBe('invalid');
      expect(error.message).toBe('Hex bolt M8 is not lot-tracked; leave the lot empty');
    }
  });

  test('a serial number can be received once per bin', () => {
    const s = snapshot();
    ok(s, { kind: 'receive', itemId: MOTOR, locationId: A01, qty: 1, lot: 'SN-1' });
    const error = refused(s, { kind: 'receive', itemId: MOTOR, locationId: A01, qty: 1, lot: 'SN-1' });
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('Serial number SN-1 of Pump motor is already in A-01');
    expect(held(s, MOTOR, A01, 'SN-1')).toEqual({ onHand: 1, reserved: 0 });
  });

  test('two units of one serial number in one receipt are refused', () => {
    const s = snapshot();
    refused(s, { kind: 'receive', itemId: MOTOR, locationId: A01, qty: 2, lot: 'SN-1' });
    expect(s.stock.size).toBe(0);
  });

  test('adjusting or counting a serial number above 1 is refused', () => {
    const s = snapshot([{ itemId: MOTOR, locationId: A01, lot: 'SN-1', onHand: 1 }]);
    refused(s, { kind: 'adjust', itemId: MOTOR, locationId: A01, lot: 'SN-1', delta: 1, reason: 'found' });
    refused(s, { kind: 'count', itemId: MOTOR, locationId: A01, lot: 'SN-1', countedQty: 2 });
    ok(s, { kind: 'count', itemId: MOTOR, locationId: A01, lot: 'SN-1', countedQty: 0 });
    expect(held(s, MOTOR, A01, 'SN-1')).toEqual({ onHand: 0, reserved: 0 });
  });
});

describe('pick', () => {
  test('lowers on-hand and records a negative line', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 100 }]);
    const plan = ok(s, {
      kind: 'pick',
      itemId: BOLT,
      locationId: A01,
      qty: 30,
      refType: 'work_order',
      refId: 7,
    });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 70, reserved: 0 });
    expect(plan.lines).toEqual([
      line({ kind: 'pick', locationId: A01, qty: -30, refType: 'work_order', refId: 7 }),
    ]);
    expect(plan.after).toEqual([{ locationId: A01, code: 'A-01', lot: '', onHand: 70, reserved: 0 }]);
  });

  test('everything that is there can be picked, down to zero', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    ok(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty: 10 });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 0, reserved: 0 });
  });

  test('picking more than the bin holds names the bin, quantity, item and unit', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    const error = refused(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty: 11 });
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('Bin A-01 holds 10 pcs of Hex bolt M8; cannot pick 11');
    expect(error.details).toEqual({ locationCode: 'A-01', onHand: 10, reserved: 0 });
  });

  test('reserved stock is not available to an ordinary pick', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10, reserved: 4 }]);
    const error = refused(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty: 7 });
    expect(error.message).toBe(
      'Bin A-01 holds 10 pcs of Hex bolt M8 (4 reserved for work orders); cannot pick 7',
    );
    expect(error.details).toEqual({ locationCode: 'A-01', onHand: 10, reserved: 4 });
    ok(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty: 6 });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 4, reserved: 4 });
  });

  test('picking from a bin with no row reports that it holds 0', () => {
    const s = snapshot();
    const error = refused(s, { kind: 'pick', itemId: OIL, locationId: A02, qty: 1, lot: 'L1' });
    expect(error.message).toBe('Bin A-02 holds 0 L of Hydraulic oil; cannot pick 1');
    expect(s.stock.size).toBe(0);
  });

  test('a pick from a reservation consumes the reservation', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10, reserved: 4 }]);
    ok(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty: 5, fromReservation: 2 });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 5, reserved: 2 });
    // The remaining 2 reserved plus 3 free: a pick of 5 using both reserved units fits exactly.
    ok(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty: 5, fromReservation: 2 });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 0, reserved: 0 });
  });

  test('a pick from a reservation may take the whole reserved quantity even when nothing is free', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 4, reserved: 4 }]);
    refused(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty: 4 });
    ok(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty: 4, fromReservation: 4 });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 0, reserved: 0 });
  });

  test('consuming more than is reserved is refused', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10, reserved: 4 }]);
    const error = refused(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty: 5, fromReservation: 5 });
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('Only 4 pcs of Hex bolt M8 are reserved at A-01');
  });

  test.each([-1, 6])('fromReservation %s outside 0..qty is refused', (fromReservation) => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10, reserved: 10 }]);
    const error = refused(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty: 5, fromReservation });
    expect(error.kind).toBe('invalid');
  });

  test('a fractional fromReservation is refused', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10, reserved: 2 }]);
    refused(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty: 1, fromReservation: 0.5 });
  });

  test.each([0, -1, 2.5])('quantity %s is refused', (qty) => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    expect(refused(s, { kind: 'pick', itemId: BOLT, locationId: A01, qty }).message).toBe(
      'Quantity picked must be a whole number above 0',
    );
  });

  test('a retired bin can still be emptied', () => {
    const s = snapshot([{ itemId: BOLT, locationId: RETIRED, onHand: 3 }]);
    ok(s, { kind: 'pick', itemId: BOLT, locationId: RETIRED, qty: 3 });
    expect(held(s, BOLT, RETIRED)).toEqual({ onHand: 0, reserved: 0 });
  });
});

describe('operations in one call', () => {
  test('apply in order: the second of two picks of 60 from 100 is refused', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 100 }]);
    const pick: StockOperation = { kind: 'pick', itemId: BOLT, locationId: A01, qty: 60 };
    const [first, second] = planStockOperations(s, [pick, pick]);
    expect(first?.ok).toBe(true);
    expect(second?.ok).toBe(false);
    if (second?.ok !== false) throw new Error('unreachable');
    expect(second.error.message).toBe('Bin A-01 holds 40 pcs of Hex bolt M8; cannot pick 60');
    expect(held(s, BOLT, A01)).toEqual({ onHand: 40, reserved: 0 });
  });

  test('a refusal does not stop the operations after it', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 100 }]);
    const outcomes = planStockOperations(s, [
      { kind: 'pick', itemId: BOLT, locationId: A01, qty: 200 },
      { kind: 'pick', itemId: BOLT, locationId: A01, qty: 10 },
      { kind: 'receive', itemId: BOLT, locationId: A02, qty: 5 },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, true, true]);
    expect(held(s, BOLT, A01)).toEqual({ onHand: 90, reserved: 0 });
    expect(held(s, BOLT, A02)).toEqual({ onHand: 5, reserved: 0 });
  });

  test('a receipt earlier in the call makes a later pick possible', () => {
    const s = snapshot();
    const outcomes = planStockOperations(s, [
      { kind: 'receive', itemId: BOLT, locationId: A01, qty: 5 },
      { kind: 'reserve', itemId: BOLT, locationId: A01, qty: 2 },
      { kind: 'pick', itemId: BOLT, locationId: A01, qty: 4 },
      { kind: 'pick', itemId: BOLT, locationId: A01, qty: 3 },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, false, true]);
    expect(held(s, BOLT, A01)).toEqual({ onHand: 2, reserved: 2 });
  });

  test('an empty list plans nothing', () => {
    expect(planStockOperations(snapshot(), [])).toEqual([]);
  });
});

describe('transfer and put_away', () => {
  test('moves stock and records two lines that sum to zero', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 100 }]);
    const plan = ok(s, { kind: 'transfer', itemId: BOLT, fromLocationId: A01, toLocationId: A02, qty: 30 });
    expect(plan.lines).toEqual([
      line({ kind: 'transfer', locationId: A01, qty: -30 }),
      line({ kind: 'transfer', locationId: A02, qty: 30 }),
    ]);
    expect(plan.lines.reduce((sum, l) => sum + l.qty, 0)).toBe(0);
    expect(held(s, BOLT, A01)).toEqual({ onHand: 70, reserved: 0 });
    expect(held(s, BOLT, A02)).toEqual({ onHand: 30, reserved: 0 });
    expect(plan.after).toEqual([
      { locationId: A01, code: 'A-01', lot: '', onHand: 70, reserved: 0 },
      { locationId: A02, code: 'A-02', lot: '', onHand: 30, reserved: 0 },
    ]);
  });

  test('put_away is recorded under its own kind and keeps the lot', () => {
    const s = snapshot([{ itemId: OIL, locationId: A01, lot: 'L1', onHand: 20 }]);
    const plan = ok(s, {
      kind: 'put_away',
      itemId: OIL,
      fromLocationId: A01,
      toLocationId: A02,
      qty: 20,
      lot: 'L1',
    });
    expect(plan.lines.map((l) => [l.kind, l.locationId, l.lot, l.qty])).toEqual([
      ['put_away', A01, 'L1', -20],
      ['put_away', A02, 'L1', 20],
    ]);
    expect(held(s, OIL, A01, 'L1')).toEqual({ onHand: 0, reserved: 0 });
    expect(held(s, OIL, A02, 'L1')).toEqual({ onHand: 20, reserved: 0 });
  });

  test('the same bin as source and destination is refused', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    const error = refused(s, {
      kind: 'transfer',
      itemId: BOLT,
      fromLocationId: A01,
      toLocationId: A01,
      qty: 1,
    });
    expect([error.kind, error.message]).toEqual(['invalid', 'The source and destination are the same bin']);
  });

  test('a retired destination is refused but a retired source is not', () => {
    const s = snapshot([
      { itemId: BOLT, locationId: A01, onHand: 10 },
      { itemId: BOLT, locationId: RETIRED, onHand: 3 },
    ]);
    const error = refused(s, {
      kind: 'transfer',
      itemId: BOLT,
      fromLocationId: A01,
      toLocationId: RETIRED,
      qty: 1,
    });
    expect(error.message).toBe('Bin OLD-99 is retired and cannot take stock');
    ok(s, { kind: 'transfer', itemId: BOLT, fromLocationId: RETIRED, toLocationId: A01, qty: 3 });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 13, reserved: 0 });
  });

  test('reserved stock at the source cannot be moved', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10, reserved: 8 }]);
    const error = refused(s, {
      kind: 'transfer',
      itemId: BOLT,
      fromLocationId: A01,
      toLocationId: A02,
      qty: 3,
    });
    expect(error.message).toBe(
      'Bin A-01 holds 10 pcs of Hex bolt M8 (8 reserved for work orders); cannot move 3',
    );
    expect(held(s, BOLT, A02)).toBeUndefined();
  });

  test('an unknown destination is refused and creates no rows', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    const error = refused(s, {
      kind: 'transfer',
      itemId: BOLT,
      fromLocationId: A01,
      toLocationId: 77,
      qty: 1,
    });
    expect([error.kind, error.message]).toEqual(['not_found', 'Location 77 does not exist']);
  });

  test('when the second leg fails, the first leg is not applied either', () => {
    // SN-1 is recorded in both bins; moving one onto the other would make 2 of a serial number.
    const s = snapshot([
      { itemId: MOTOR, locationId: A01, lot: 'SN-1', onHand: 1 },
      { itemId: MOTOR, locationId: A02, lot: 'SN-1', onHand: 1 },
    ]);
    const error = refused(s, {
      kind: 'transfer',
      itemId: MOTOR,
      fromLocationId: A01,
      toLocationId: A02,
      qty: 1,
      lot: 'SN-1',
    });
    expect(error.message).toBe('Serial number SN-1 of Pump motor is already in A-02');
    expect(held(s, MOTOR, A01, 'SN-1')).toEqual({ onHand: 1, reserved: 0 });
  });

  test('a serial number moves between bins', () => {
    const s = snapshot([{ itemId: MOTOR, locationId: A01, lot: 'SN-1', onHand: 1 }]);
    ok(s, { kind: 'transfer', itemId: MOTOR, fromLocationId: A01, toLocationId: A02, qty: 1, lot: 'SN-1' });
    expect(held(s, MOTOR, A01, 'SN-1')).toEqual({ onHand: 0, reserved: 0 });
    expect(held(s, MOTOR, A02, 'SN-1')).toEqual({ onHand: 1, reserved: 0 });
  });

  test.each([0, -5, 0.5])('quantity %s is refused', (qty) => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    const error = refused(s, { kind: 'transfer', itemId: BOLT, fromLocationId: A01, toLocationId: A02, qty });
    expect(error.message).toBe('Quantity moved must be a whole number above 0');
  });
});

describe('adjust', () => {
  test('changes on-hand by the delta and records the reason', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    const plan = ok(s, { kind: 'adjust', itemId: BOLT, locationId: A01, delta: -3, reason: 'damaged' });
    expect(plan.lines).toEqual([line({ kind: 'adjust', locationId: A01, qty: -3, reason: 'damaged' })]);
    expect(held(s, BOLT, A01)).toEqual({ onHand: 7, reserved: 0 });
    ok(s, { kind: 'adjust', itemId: BOLT, locationId: A01, delta: 5, reason: 'found' });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 12, reserved: 0 });
  });

  test.each([undefined, '', '   '])('an adjustment without a reason (%j) is refused', (reason) => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    const error = refused(s, { kind: 'adjust', itemId: BOLT, locationId: A01, delta: -1, reason });
    expect([error.kind, error.message]).toEqual(['invalid', 'An adjustment needs a reason']);
  });

  test.each([0, 1.5, Number.NaN])('delta %s is refused', (delta) => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    const error = refused(s, { kind: 'adjust', itemId: BOLT, locationId: A01, delta, reason: 'x' });
    expect(error.message).toBe('An adjustment must change the quantity');
  });

  test('cannot take on-hand below what is reserved', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10, reserved: 4 }]);
    const error = refused(s, { kind: 'adjust', itemId: BOLT, locationId: A01, delta: -7, reason: 'lost' });
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe('Bin A-01 holds 10 pcs of Hex bolt M8 with 4 reserved; cannot adjust by -7');
    ok(s, { kind: 'adjust', itemId: BOLT, locationId: A01, delta: -6, reason: 'lost' });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 4, reserved: 4 });
  });

  test('cannot take on-hand below zero', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 2 }]);
    refused(s, { kind: 'adjust', itemId: BOLT, locationId: A01, delta: -3, reason: 'lost' });
    refused(s, { kind: 'adjust', itemId: BOLT, locationId: A02, delta: -1, reason: 'lost' });
  });
});

describe('count', () => {
  test('sets on-hand and records the difference and the counted quantity', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 100 }]);
    const plan = ok(s, { kind: 'count', itemId: BOLT, locationId: A01, countedQty: 95 });
    expect(plan.lines).toEqual([line({ kind: 'count', locationId: A01, qty: -5, countedQty: 95 })]);
    expect(held(s, BOLT, A01)).toEqual({ onHand: 95, reserved: 0 });
  });

  test('a count that matches is still recorded, with delta 0', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 100 }]);
    const plan = ok(s, { kind: 'count', itemId: BOLT, locationId: A01, countedQty: 100 });
    expect(plan.lines).toEqual([line({ kind: 'count', locationId: A01, qty: 0, countedQty: 100 })]);
  });

  test('counting zero in an empty bin is recorded too', () => {
    const s = snapshot();
    const plan = ok(s, { kind: 'count', itemId: BOLT, locationId: A02, countedQty: 0 });
    expect(plan.lines).toEqual([line({ kind: 'count', locationId: A02, qty: 0, countedQty: 0 })]);
  });

  test('finding stock in an empty bin records a positive delta', () => {
    const s = snapshot();
    const plan = ok(s, { kind: 'count', itemId: BOLT, locationId: A02, countedQty: 4 });
    expect(plan.lines[0]?.qty).toBe(4);
    expect(held(s, BOLT, A02)).toEqual({ onHand: 4, reserved: 0 });
  });

  test('a count below what is reserved is refused', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10, reserved: 4 }]);
    const error = refused(s, { kind: 'count', itemId: BOLT, locationId: A01, countedQty: 3 });
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe(
      'Bin A-01 has 4 pcs of Hex bolt M8 reserved for work orders; release them before counting 3',
    );
    ok(s, { kind: 'count', itemId: BOLT, locationId: A01, countedQty: 4 });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 4, reserved: 4 });
  });

  test.each([-1, 2.5, Number.NaN])('counted quantity %s is refused', (countedQty) => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    const error = refused(s, { kind: 'count', itemId: BOLT, locationId: A01, countedQty });
    expect(error.message).toBe('A counted quantity must be a whole number, 0 or more');
  });
});

describe('reserve and release', () => {
  test('reserve raises reserved, leaves on-hand alone and writes no movement', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10 }]);
    const plan = ok(s, { kind: 'reserve', itemId: BOLT, locationId: A01, qty: 4 });
    expect(plan.lines).toEqual([]);
    expect(plan.after).toEqual([{ locationId: A01, code: 'A-01', lot: '', onHand: 10, reserved: 4 }]);
    expect(held(s, BOLT, A01)).toEqual({ onHand: 10, reserved: 4 });
  });

  test('cannot reserve more than is free', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10, reserved: 4 }]);
    const error = refused(s, { kind: 'reserve', itemId: BOLT, locationId: A01, qty: 7 });
    expect(error.message).toBe(
      'Bin A-01 holds 10 pcs of Hex bolt M8 (4 reserved for work orders); cannot reserve 7',
    );
    ok(s, { kind: 'reserve', itemId: BOLT, locationId: A01, qty: 6 });
    expect(held(s, BOLT, A01)).toEqual({ onHand: 10, reserved: 10 });
  });

  test('release lowers reserved and cannot release more than is reserved', () => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10, reserved: 4 }]);
    const error = refused(s, { kind: 'release', itemId: BOLT, locationId: A01, qty: 5 });
    expect([error.kind, error.message]).toEqual([
      'conflict',
      'Only 4 pcs of Hex bolt M8 are reserved at A-01',
    ]);
    const plan = ok(s, { kind: 'release', itemId: BOLT, locationId: A01, qty: 3 });
    expect(plan.lines).toEqual([]);
    expect(held(s, BOLT, A01)).toEqual({ onHand: 10, reserved: 1 });
  });

  test.each([0, -1, 1.5])('quantity %s is refused for reserve and release', (qty) => {
    const s = snapshot([{ itemId: BOLT, locationId: A01, onHand: 10, reserved: 5 }]);
    expect(refused(s, { kind: 'reserve', itemId: BOLT, locationId: A01, qty }).message).toBe(
      'Quantity reserved must be a whole number above 0',
    );
    expect(refused(s, { kind: 'release', itemId: BOLT, locationId: A01, qty }).message).toBe(
      'Quantity released must be a whole number above 0',
    );
  });
});

describe('random sequences of operations (property)', () => {
  /** mulberry32: small, seeded, good enough to shuffle test inputs. */
  function prng(seed: number) {
    let a = seed >>> 0;
    const next = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
    const pick = <T>(xs: readonly T[]): T => {
      if (xs.length === 0) throw new Error('empty choice');
      return xs[Math.floor(next() * xs.length)] as T;
    };
    return { next, int, pick };
  }

  const LOTS: Record<number, readonly (string | undefined)[]> = {
    [BOLT]: [undefined, undefined, undefined, 'L1'],
    [OIL]: ['L1', 'L2', ' L1 ', undefined],
    [MOTOR]: ['SN-1', 'SN-2', undefined],
  };
  const LOCS = [A01, A02, RETIRED, 99];

  function randomOp(r: ReturnType<typeof prng>): StockOperation {
    const itemId = r.pick([BOLT, BOLT, OIL, MOTOR, 98]);
    const lot = r.pick(LOTS[itemId] ?? [undefined]);
    const qty = r.next() < 0.08 ? r.pick([0, -2, 1.5]) : r.int(1, itemId === MOTOR ? 2 : 15);
    const locationId = r.pick(LOCS);
    const common = { itemId, lot };
    switch (r.int(0, 7)) {
      case 0:
        return { ...common, kind: 'receive', locationId, qty };
      case 1:
        return {
          ...common,
          kind: 'pick',
          locationId,
          qty,
          fromReservation: r.next() < 0.5 ? r.int(0, qty) : undefined,
        };
      case 2:
      case 3:
        return {
          ...common,
          kind: r.pick(['transfer', 'put_away'] as const),
          fromLocationId: locationId,
          toLocationId: r.pick(LOCS),
          qty,
        };
      case 4:
        return {
          ...common,
          kind: 'adjust',
          locationId,
          delta: r.int(-10, 10),
          reason: r.pick(['damaged', '', undefined]),
        };
      case 5:
        return { ...common, kind: 'count', locationId, countedQty: r.int(-1, 12) };
      case 6:
        return { ...common, kind: 'reserve', locationId, qty };
      default:
        return { ...common, kind: 'release', locationId, qty };
    }
  }

  function randomSnapshot(r: ReturnType<typeof prng>): Snapshot {
    const seeds: Seed[] = [];
    for (const locationId of [A01, A02, RETIRED]) {
      const boltOnHand = r.int(0, 20);
      seeds.push({ itemId: BOLT, locationId, onHand: boltOnHand, reserved: r.int(0, boltOnHand) });
      const oil = r.int(0, 20);
      seeds.push({ itemId: OIL, locationId, lot: 'L1', onHand: oil, reserved: r.int(0, oil) });
    }
    seeds.push({
      itemId: MOTOR,
      locationId: r.pick([A01, A02]),
      lot: 'SN-1',
      onHand: 1,
      reserved: r.int(0, 1),
    });
    return snapshot(seeds);
  }

  test('never leaves negative stock or over-reservation, and the ledger adds up', () => {
    // Plain checks collected into one list: an `expect` per row per step would dominate the run time.
    const problems: string[] = [];
    const okByKind = new Map<string, number>();
    let refusals = 0;
    const dump = (stock: Map<string, StockRow>) =>
      JSON.stringify([...stock].sort(([a], [b]) => a.localeCompare(b)));
    for (let seed = 1; seed <= 100; seed += 1) {
      const r = prng(seed);
      const s = randomSnapshot(r);
      const initial = new Map([...s.stock].map(([k, row]) => [k, row.onHand]));
      const lineSums = new Map<string, number>();
      for (let step = 0; step < 60; step += 1) {
        const batch = Array.from({ length: r.int(1, 4) }, () => randomOp(r));
        const before = dump(s.stock);
        const outcomes = planStockOperations(s, batch);
        const where = `seed ${seed} step ${step}`;
        if (outcomes.length !== batch.length) problems.push(`${where}: ${outcomes.length} outcomes`);
        outcomes.forEach((o, i) => {
          if (!o.ok) {
            refusals += 1;
            if (!(o.error instanceof DomainError)) problems.push(`${where}: refusal is not a DomainError`);
            return;
          }
          const kind = batch[i]?.kind ?? '?';
          okByKind.set(kind, (okByKind.get(kind) ?? 0) + 1);
          for (const l of o.plan.lines) {
            if (!Number.isInteger(l.qty)) problems.push(`${where}: line qty ${l.qty}`);
            const key = stockKey(l.itemId, l.locationId, l.lot);
            lineSums.set(key, (lineSums.get(key) ?? 0) + l.qty);
          }
        });
        if (outcomes.every((o) => !o.ok) && dump(s.stock) !== before) {
          problems.push(`${where}: refused batch changed the snapshot`);
        }
        for (const [key, row] of s.stock) {
          const bad =
            stockKey(row.itemId, row.locationId, row.lot) !== key ||
            !Number.isInteger(row.onHand) ||
            !Number.isInteger(row.reserved) ||
            row.onHand < 0 ||
            row.reserved < 0 ||
            row.reserved > row.onHand ||
            (row.itemId === MOTOR && row.onHand > 1);
          if (bad) problems.push(`${where}: ${key} ${JSON.stringify(row)}`);
        }
      }
      for (const key of new Set([...s.stock.keys(), ...lineSums.keys()])) {
        const change = (s.stock.get(key)?.onHand ?? 0) - (initial.get(key) ?? 0);
        const sum = lineSums.get(key) ?? 0;
        if (sum !== change)
          problems.push(`seed ${seed} ${key}: lines sum to ${sum}, on-hand changed by ${change}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    // The generator must actually exercise every kind and plenty of refusals.
    for (const kind of ['receive', 'pick', 'transfer', 'put_away', 'adjust', 'count', 'reserve', 'release']) {
      expect(okByKind.get(kind) ?? 0, kind).toBeGreaterThan(50);
    }
    expect(refusals).toBeGreaterThan(1000);
  });
});
