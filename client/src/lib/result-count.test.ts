import { describe, expect, test } from 'vitest';
import { createFormatters } from '../../../common/format.ts';
import { resultCount } from './result-count.ts';

const items = { one: 'item', many: 'items' };
const format = createFormatters({ locale: 'en-GB', currency: 'EUR', timeZone: 'UTC', units: 'metric' });

describe('resultCount', () => {
  test('a full page is the first of possibly more, not a total', () => {
    expect(resultCount(30, 30, items, format)).toBe('The first 30 items, best match first');
    expect(resultCount(30, 30, items, format)).not.toMatch(/found/);
  });

  test('fewer than the cap is the whole answer', () => {
    expect(resultCount(12, 30, items, format)).toBe('12 items found');
    expect(resultCount(1, 30, items, format)).toBe('1 item found');
    expect(resultCount(0, 30, items, format)).toBe('No items found');
  });

  test("counts in the site's locale", () => {
    const german = createFormatters({ locale: 'de-DE', currency: 'EUR', timeZone: 'UTC', units: 'metric' });
    expect(resultCount(1000, 1000, items, german)).toBe('The first 1.000 items, best match first');
  });
});
