import { describe, expect, test } from 'vitest';
import { DomainError } from './errors.ts';
import { describePacks, MAX_BASE_QTY, packsFor, samePack, toBaseQuantity } from './units.ts';

const box = { unit: 'box', size: 100 };

describe('toBaseQuantity', () => {
  test('2 boxes of 100 are 200 in the base unit', () => {
    expect(toBaseQuantity(2, box)).toBe(200);
    expect(toBaseQuantity(1, { unit: 'roll', size: 50 })).toBe(50);
    expect(toBaseQuantity(7, { unit: 'ea', size: 1 })).toBe(7);
  });

  test('counts of packs must be whole numbers above 0', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => toBaseQuantity(bad, box)).toThrow('The number of packs must be a whole number above 0');
    }
  });

  test('a pack must hold a whole number of units above 0', () => {
    for (const size of [0, -100, 2.5]) {
      expect(() => toBaseQuantity(1, { unit: 'box', size })).toThrow(
        'A box must hold a whole number of units above 0',
      );
    }
  });

  test('refuses totals beyond what one booking may hold, instead of overflowing', () => {
    expect(toBaseQuantity(10_000, box)).toBe(MAX_BASE_QTY);
    expect(() => toBaseQuantity(10_001, box)).toThrow(
      '10001 box of 100 is 1,000,100; one booking may be at most 1,000,000',
    );
    // Far beyond a safe integer: still a refusal, never a rounded number.
    expect(() => toBaseQuantity(2 ** 40, { unit: 'box', size: 2 ** 20 })).toThrow(DomainError);
  });

  test('refusals are input errors a person can act on', () => {
    try {
      toBaseQuantity(0, box);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe('invalid');
    }
  });
});

describe('packs', () => {
  test('a quantity in packs reads "2 box of 100"', () => {
    expect(describePacks(2, box)).toBe('2 box of 100');
  });

  test('packsFor rounds up to whole packs and to the minimum order', () => {
    expect(packsFor(1, 100)).toBe(1);
    expect(packsFor(100, 100)).toBe(1);
    expect(packsFor(101, 100)).toBe(2);
    expect(packsFor(0, 100)).toBe(1);
    expect(packsFor(150, 100, 3)).toBe(3);
    expect(packsFor(450, 100, 3)).toBe(5);
  });

  test('packs are the same whatever the case of their unit', () => {
    expect(samePack({ unit: 'Box', size: 100 }, box)).toBe(true);
    expect(samePack({ unit: 'box', size: 50 }, box)).toBe(false);
    expect(samePack({ unit: 'roll', size: 100 }, box)).toBe(false);
  });
});
