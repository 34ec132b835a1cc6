import { describe, expect, test } from 'vitest';
import { type ReorderInput, suggestReorder } from './reorder.ts';

const row = (over: Partial<ReorderInput>): ReorderInput => ({
  itemId: 1,
  onHand: 0,
  reserved: 0,
  onOrder: 0,
  reorderPoint: 10,
  reorderQty: 25,
  ...over,
});

describe('suggestReorder', () => {
  test('above the reorder point: nothing to order', () => {
    expect(suggestReorder([row({ onHand: 11 })])).toEqual([]);
  });

  test('exactly at the reorder point: order one lot', () => {
    expect(suggestReorder([row({ onHand: 10 })])).toEqual([
      { itemId: 1, available: 10, onOrder: 0, suggestedQty: 25 },
    ]);
  });

  test('reserved stock does not count as available', () => {
    expect(suggestReorder([row({ onHand: 15, reserved: 5 })])).toEqual([
      { itemId: 1, available: 10, onOrder: 0, suggestedQty: 25 },
    ]);
    expect(suggestReorder([row({ onHand: 15, reserved: 4 })])).toEqual([]);
  });

  test('stock already on order covers it', () => {
    expect(suggestReorder([row({ onHand: 5, onOrder: 6 })])).toEqual([]);
    expect(suggestReorder([row({ onHand: 5, onOrder: 5 })])).toEqual([
      { itemId: 1, available: 5, onOrder: 5, suggestedQty: 25 },
    ]);
  });

  test('orders whole lots, enough to get back above the point', () => {
    // Position 0, point 100: needs 101, so 5 lots of 25.
    const [s] = suggestReorder([row({ reorderPoint: 100 })]);
    expect(s).toEqual({ itemId: 1, available: 0, onOrder: 0, suggestedQty: 125 });
    // Position 0, point 99: needs 100, exactly 4 lots.
    expect(suggestReorder([row({ reorderPoint: 99 })])[0]?.suggestedQty).toBe(100);
    expect(suggestReorder([row({ reorderPoint: 0, reorderQty: 1 })])[0]?.suggestedQty).toBe(1);
  });

  test('the suggestion always lifts the position above the reorder point', () => {
    for (let onHand = 0; onHand <= 12; onHand += 1) {
      for (const onOrder of [0, 3]) {
        for (const reorderQty of [1, 4, 7]) {
          const [s] = suggestReorder([row({ onHand, onOrder, reorderQty })]);
          if (onHand + onOrder > 10) {
            expect(s).toBeUndefined();
            continue;
          }
          if (s === undefined) throw new Error(`no suggestion for ${onHand}/${onOrder}/${reorderQty}`);
          expect(s.suggestedQty % reorderQty).toBe(0);
          expect(onHand + onOrder + s.suggestedQty).toBeGreaterThan(10);
          // …and by no more than one lot too many.
          expect(onHand + onOrder + s.suggestedQty - reorderQty).toBeLessThanOrEqual(10);
        }
      }
    }
  });

  test('an item with no reorder quantity is never suggested', () => {
    expect(suggestReorder([row({ reorderQty: 0 })])).toEqual([]);
  });

  test('keeps the input order and skips the rows that are fine', () => {
    const out = suggestReorder([
      row({ itemId: 3, onHand: 2 }),
      row({ itemId: 1, onHand: 50 }),
      row({ itemId: 2, onHand: 0, reorderQty: 4 }),
    ]);
    expect(out.map((s) => [s.itemId, s.suggestedQty])).toEqual([
      [3, 25],
      [2, 12],
    ]);
  });
});

describe('suggestReorder in supplier packs', () => {
  test('rounds the suggestion up to whole packs', () => {
    // 25 needed, sold in boxes of 100: one box.
    expect(suggestReorder([row({ pack: { size: 100, minPacks: 1 } })])[0]?.suggestedQty).toBe(100);
    // 125 needed (5 lots of 25), boxes of 50: three boxes.
    expect(
      suggestReorder([row({ reorderPoint: 100, pack: { size: 50, minPacks: 1 } })])[0]?.suggestedQty,
    ).toBe(150);
    // Already a whole number of packs: unchanged.
    expect(suggestReorder([row({ pack: { size: 25, minPacks: 1 } })])[0]?.suggestedQty).toBe(25);
  });

  test("orders at least the supplier's minimum number of packs", () => {
    expect(suggestReorder([row({ pack: { size: 10, minPacks: 5 } })])[0]?.suggestedQty).toBe(50);
  });

  test('nothing is suggested above the reorder point, whatever the pack', () => {
    expect(suggestReorder([row({ onHand: 11, pack: { size: 100, minPacks: 3 } })])).toEqual([]);
  });
});
