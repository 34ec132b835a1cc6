import { describe, expect, test } from 'vitest';
import { resultCount } from './result-count.ts';

const items = { one: 'item', many: 'items' };

describe('resultCount', () => {
  test('a full page is the first of possibly more, not a total', () => {
    expect(resultCount(30, 30, items)).toBe('The first 30 items, best match first');
    expect(resultCount(30, 30, items)).not.toMatch(/found/);
  });

  test('fewer than the cap is the whole answer', () => {
    expect(resultCount(12, 30, items)).toBe('12 items found');
    expect(resultCount(1, 30, items)).toBe('1 item found');
    expect(resultCount(0, 30, items)).toBe('No items found');
  });
});
