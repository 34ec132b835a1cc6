import { describe, expect, test } from 'vitest';
import { ItemPacks } from './catalog.ts';
import { ManualLocationInput } from './location.ts';
import { SupplierInput, SupplierPriceInput } from './supplier.ts';

/** `path: message` for each issue, the way the API reports them. */
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

const supplier = {
  name: 'Northgate Fasteners',
  contacts: [{ name: 'Orders desk', email: 'orders@northgate.example' }],
  leadTimeDays: 3,
  currency: 'eur',
};

describe('SupplierInput', () => {
  test('a supplier with one contact parses; the currency is upper-cased, defaults fill the rest', () => {
    const r = SupplierInput.safeParse(supplier);
    expect(r.success).toBe(true);
    expect(r.data).toEqual({
      name: 'Northgate Fasteners',
      contacts: [{ name: 'Orders desk', role: '', email: 'orders@northgate.example', phone: '' }],
      leadTimeDays: 3,
      currency: 'EUR',
      notes: '',
    });
  });

  test('the currency must be an ISO 4217 code the runtime knows', () => {
    expect(SupplierInput.safeParse({ ...supplier, currency: 'GBP' }).success).toBe(true);
    expect(SupplierInput.safeParse({ ...supplier, currency: 'JPY' }).success).toBe(true);
    for (const currency of ['EURO', 'XYZ', '', '€']) {
      expect(issues(SupplierInput.safeParse({ ...supplier, currency }))).toEqual([
        'currency: Use an ISO 4217 currency code such as EUR, USD or GBP',
      ]);
    }
  });

  test('each problem names its field, down to the contact', () => {
    const r = SupplierInput.safeParse({
      name: 'N',
      contacts: [{ name: '', email: 'not-an-address' }, { name: 'Pat', phone: 'call me' }, { name: 'Sam' }],
      leadTimeDays: -1,
      currency: 'EUR',
      notes: 'x'.repeat(2001),
    });
    expect(issues(r)).toEqual([
      'name: Enter a name of at least 2 characters',
      'contacts.0.name: Enter a name',
      'contacts.0.email: Enter an e-mail address like orders@example.com',
      'contacts.1.phone: Use digits, spaces and + ( ) . / -',
      'contacts.2.email: Give an e-mail address or a phone number',
      'leadTimeDays: The lead time cannot be negative',
      'notes: Use at most 2,000 characters',
    ]);
  });

  test('limits: at most 20 contacts and a lead time of a year', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `C${i}`, phone: '123' }));
    expect(issues(SupplierInput.safeParse({ ...supplier, contacts: many }))).toEqual([
      'contacts: At most 20 contacts',
    ]);
    expect(issues(SupplierInput.safeParse({ ...supplier, leadTimeDays: 366 }))).toEqual([
      'leadTimeDays: Use at most 365 days',
    ]);
  });
});

describe('SupplierPriceInput', () => {
  const price = {
    supplierId: 1,
    itemId: 2,
    partNumber: ' NG-M8-30 ',
    priceMinor: 1250,
    pack: { unit: 'box', size: 100 },
  };

  test('a price per box of 100 parses with a minimum order of one pack and no lead time override', () => {
    expect(SupplierPriceInput.parse(price)).toEqual({
      ...price,
      partNumber: 'NG-M8-30',
      minOrderPacks: 1,
      leadTimeDays: null,
    });
  });

  test('prices are whole minor units of 0 or more; packs hold whole units', () => {
    expect(
      issues(
        SupplierPriceInput.safeParse({
          ...price,
          partNumber: '',
          priceMinor: 12.5,
          pack: { unit: 'big box', size: 0 },
          minOrderPacks: 0,
          leadTimeDays: 400,
        }),
      ),
    ).toEqual([
      "partNumber: Enter the supplier's part number",
      'priceMinor: Give the price in whole minor units (cents)',
      'pack.unit: Use one word without spaces, commas or |',
      'pack.size: A pack holds at least 1 unit',
      'minOrderPacks: Order at least 1 pack',
      'leadTimeDays: Use at most 365 days',
    ]);
    expect(issues(SupplierPriceInput.safeParse({ ...price, priceMinor: -1 }))).toEqual([
      'priceMinor: The price cannot be negative',
    ]);
  });
});

describe('ItemPacks', () => {
  test('an item pack holds at least 2 units and is listed once', () => {
    expect(ItemPacks.safeParse([{ unit: 'box', size: 100 }]).success).toBe(true);
    expect(
      issues(
        ItemPacks.safeParse([
          { unit: 'box', size: 100 },
          { unit: 'Box', size: 100 },
          { unit: 'pack', size: 1 },
        ]),
      ),
    ).toEqual(['2.size: A pack holds at least 2 units', '1: Box of 100 is listed twice']);
  });
});

describe('ManualLocationInput', () => {
  const van = { code: 'van-2', name: 'Service van 2', kind: 'van', capacity: 500 };

  test('codes are upper-cased; a van has no place', () => {
    expect(ManualLocationInput.parse(van)).toEqual({
      ...van,
      code: 'VAN-2',
      description: '',
      position: null,
    });
    expect(
      issues(ManualLocationInput.safeParse({ ...van, position: { floorId: 'ground', x: 1, z: 1 } })),
    ).toEqual(['position: A van moves around; it has no place in the twin']);
  });

  test('a cabinet may stand at a point on a floor', () => {
    const cabinet = { ...van, code: 'CAB-1', kind: 'cabinet', position: { floorId: 'ground', x: 4, z: 2.5 } };
    expect(ManualLocationInput.parse(cabinet).position).toEqual({ floorId: 'ground', x: 4, z: 2.5 });
  });

  test('bins are not kept by hand, and codes hold letters, digits and dashes', () => {
    expect(issues(ManualLocationInput.safeParse({ ...van, kind: 'bin', code: 'A 01' }))).toEqual([
      'code: Use only letters, digits and dashes',
      'kind: Choose cabinet, room, van or other area',
    ]);
  });
});
