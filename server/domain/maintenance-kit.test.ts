import { describe, expect, test } from 'vitest';
import { allocateKit, type FreeStock, kitShortfalls, kitShortNote } from './maintenance-kit.ts';

const FILTER = { itemId: 1, qty: 4, name: 'Oil filter', unit: 'ea' };
const GASKET = { itemId: 2, qty: 1, name: 'Sump gasket', unit: 'ea' };
const at = (itemId: number, code: string, free: number, lot = ''): FreeStock => ({
  itemId,
  locationId: Number(code.replace(/\D/g, '')),
  code,
  lot,
  free,
});

describe('reserving a plan’s parts kit', () => {
  test('takes from the bin with the most free stock first and splits across bins when it must', () => {
    const reservations = allocateKit([FILTER], [at(1, 'A-01-1', 1), at(1, 'A-02-1', 3), at(1, 'B-01-1', 2)]);
    expect(reservations).toEqual([
      { itemId: 1, locationId: 21, code: 'A-02-1', lot: '', qty: 3 },
      { itemId: 1, locationId: 11, code: 'B-01-1', lot: '', qty: 1 },
    ]);
    expect(kitShortfalls([FILTER], reservations)).toEqual([]);
  });

  test('what no bin holds is short, and is said the way the work order shows it', () => {
    const reservations = allocateKit([FILTER, GASKET], [at(1, 'A-01-1', 2), at(2, 'C-01-1', 0)]);
    expect(reservations).toEqual([{ itemId: 1, locationId: 11, code: 'A-01-1', lot: '', qty: 2 }]);
    const short = kitShortfalls([FILTER, GASKET], reservations);
    expect(kitShortNote(short)).toBe('Kit short: 2 of 4 Oil filter; 1 of 1 Sump gasket');
    expect(kitShortNote([])).toBe('');
  });
});
