import type { InValue } from '@libsql/client';
import type { ContactInput, SupplierInput, SupplierPriceInput } from '../../common/masters/supplier.ts';
import type { Executor } from './database.ts';
import { insertRows, list, num, numOrNull, selectAsJson, str } from './sql.ts';

export type Supplier = {
  id: number;
  name: string;
  leadTimeDays: number;
  currency: string;
  notes: string;
  archived: boolean;
};
export type SupplierContact = ContactInput & { id: number };
export type SupplierSummary = Supplier & { contacts: number; prices: number; primaryEmail: string | null };

const SUPPLIER_COLUMNS = 's.id, s.name, s.lead_time_days, s.currency, s.notes, s.archived';

const toSupplier = (r: Record<string, unknown>): Supplier => ({
  id: num(r.id),
  name: str(r.name),
  leadTimeDays: num(r.lead_time_days),
  currency: str(r.currency),
  notes: str(r.notes),
  archived: num(r.archived) === 1,
});

/** Every supplier by name, archived ones too, with how many contacts and prices each has. */
export async function listSuppliers(ex: Executor): Promise<SupplierSummary[]> {
  const rs = await ex.execute(`SELECT ${SUPPLIER_COLUMNS},
      (SELECT count(*) FROM supplier_contacts c WHERE c.supplier_id = s.id) AS contacts,
      (SELECT count(*) FROM supplier_prices p WHERE p.supplier_id = s.id) AS prices,
      (SELECT c.email FROM supplier_contacts c WHERE c.supplier_id = s.id AND c.email <> ''
        ORDER BY c.position LIMIT 1) AS primary_email
    FROM suppliers s ORDER BY s.name COLLATE NOCASE`);
  return rs.rows.map((r) => ({
    ...toSupplier(r),
    contacts: num(r.contacts),
    prices: num(r.prices),
    primaryEmail: r.primary_email === null ? null : str(r.primary_email),
  }));
}

export async function supplierById(ex: Executor, id: number): Promise<Supplier | null> {
  const rs = await ex.execute({
    sql: `SELECT ${SUPPLIER_COLUMNS} FROM suppliers s WHERE s.id = ?`,
    args: [id],
  });
  const r = rs.rows[0];
  return r ? toSupplier(r) : null;
}

export async function suppliersById(ex: Executor, ids: readonly number[]): Promise<Map<number, Supplier>> {
  if (ids.length === 0) return new Map();
  const rs = await ex.execute({
    sql: `SELECT ${SUPPLIER_COLUMNS} FROM suppliers s WHERE s.id IN (${list(ids.length)})`,
    args: [...ids],
  });
  return new Map(rs.rows.map((r) => [num(r.id), toSupplier(r)]));
}

/** Another supplier with this name in any case, if there is one. */
export async function supplierNamed(ex: Executor, name: string, exceptId: number): Promise<Supplier | null> {
  const rs = await ex.execute({
    sql: `SELECT ${SUPPLIER_COLUMNS} FROM suppliers s WHERE s.name = ? COLLATE NOCASE AND s.id <> ?`,
    args: [name, exceptId],
  });
  const r = rs.rows[0];
  return r ? toSupplier(r) : null;
}

export async function insertSupplier(ex: Executor, s: Omit<SupplierInput, 'contacts'>): Promise<number> {
  const rs = await ex.execute({
    sql: `INSERT INTO suppliers (name, lead_time_days, currency, notes, archived) VALUES (?, ?, ?, ?, 0)
          RETURNING id`,
    args: [s.name, s.leadTimeDays, s.currency, s.notes],
  });
  return num(rs.rows[0]?.id);
}

export async function updateSupplier(
  ex: Executor,
  id: number,
  s: Omit<SupplierInput, 'contacts'>,
): Promise<void> {
  await ex.execute({
    sql: 'UPDATE suppliers SET name = ?, lead_time_days = ?, currency = ?, notes = ? WHERE id = ?',
    args: [s.name, s.leadTimeDays, s.currency, s.notes, id],
  });
}

export async function setSupplierArchived(ex: Executor, id: number, archived: boolean): Promise<void> {
  await ex.execute({ sql: 'UPDATE suppliers SET archived = ? WHERE id = ?', args: [archived ? 1 : 0, id] });
}

export async function contactsOf(ex: Executor, supplierId: number): Promise<SupplierContact[]> {
  const rs = await ex.execute({
    sql: `SELECT id, name, role, email, phone FROM supplier_contacts WHERE supplier_id = ? ORDER BY position, id`,
    args: [supplierId],
  });
  return rs.rows.map((r) => ({
    id: num(r.id),
    name: str(r.name),
    role: str(r.role),
    email: str(r.email),
    phone: str(r.phone),
  }));
}

/** The contacts of each of these suppliers, in order (for CSV files of many suppliers). */
export async function contactsOfSuppliers(
  ex: Executor,
  supplierIds: readonly number[],
): Promise<Map<number, SupplierContact[]>> {
  const out = new Map<number, SupplierContact[]>();
  const rows = await selectAsJson(
    ex,
    ['supplier_id', 'id', 'name', 'role', 'email', 'phone'],
    `FROM (SELECT supplier_id, id, name, role, email, phone FROM supplier_contacts
       WHERE supplier_id IN (SELECT value FROM json_each(?)) ORDER BY supplier_id, position, id)`,
    [JSON.stringify([...new Set(supplierIds)])],
  );
  for (const r of rows) {
    const contacts = out.get(num(r.supplier_id)) ?? [];
    contacts.push({
      id: num(r.id),
      name: str(r.name),
      role: str(r.role),
      email: str(r.email),
      phone: str(r.phone),
    });
    out.set(num(r.supplier_id), contacts);
  }
  return out;
}

/** A supplier's contacts become exactly this list, in this order. */
export async function replaceContacts(
  ex: Executor,
  supplierId: number,
  contacts: readonly ContactInput[],
): Promise<void> {
  await ex.execute({ sql: 'DELETE FROM supplier_contacts WHERE supplier_id = ?', args: [supplierId] });
  await insertRows(
    ex,
    'INSERT INTO supplier_contacts (supplier_id, position, name, role, email, phone)',
    contacts.map((c, i) => [supplierId, i, c.name, c.role, c.email, c.phone]),
  );
}

/** Suppliers in the given order, each with its contacts (the seed; ids follow the order). */
export async function insertSuppliers(ex: Executor, suppliers: readonly SupplierInput[]): Promise<number[]> {
  const ids: number[] = [];
  for (const s of suppliers) {
    const id = await insertSupplier(ex, s);
    await replaceContacts(ex, id, s.contacts);
    ids.push(id);
  }
  return ids;
}

export type SupplierPrice = {
  supplierId: number;
  itemId: number;
  partNumber: string;
  priceMinor: number;
  pack: { unit: string; size: number };
  minOrderPacks: number;
  leadTimeDays: number | null;
  updatedAt: number;
};

const PRICE_COLUMNS =
  'p.supplier_id, p.item_id, p.part_number, p.price_minor, p.pack_unit, p.pack_size, p.min_order_packs, p.lead_time_days, p.updated_at';

const toPrice = (r: Record<string, unknown>): SupplierPrice => ({
  supplierId: num(r.supplier_id),
  itemId: num(r.item_id),
  partNumber: str(r.part_number),
  priceMinor: num(r.price_minor),
  pack: { unit: str(r.pack_unit), size: num(r.pack_size) },
  minOrderPacks: num(r.min_order_packs),
  leadTimeDays: numOrNull(r.lead_time_days),
  updatedAt: num(r.updated_at),
});

/** A supplier's catalogue, by item name. */
export async function pricesOfSupplier(
  ex: Executor,
  supplierId: number,
): Promise<(SupplierPrice & { sku: string; itemName: string; itemUnit: string; preferred: boolean })[]> {
  const rs = await ex.execute({
    sql: `SELECT ${PRICE_COLUMNS}, i.sku, i.name AS item_name, i.unit AS item_unit,
                 (i.supplier_id IS p.supplier_id) AS preferred
          FROM supplier_prices p JOIN items i ON i.id = p.item_id
          WHERE p.supplier_id = ? ORDER BY i.name COLLATE NOCASE`,
    args: [supplierId],
  });
  return rs.rows.map((r) => ({
    ...toPrice(r),
    sku: str(r.sku),
    itemName: str(r.item_name),
    itemUnit: str(r.item_unit),
    preferred: num(r.preferred) === 1,
  }));
}

/** Who sells an item and for how much, by supplier name. */
export async function pricesOfItem(
  ex: Executor,
  itemId: number,
): Promise<(SupplierPrice & { supplierName: string; currency: string; archived: boolean })[]> {
  const rs = await ex.execute({
    sql: `SELECT ${PRICE_COLUMNS}, s.name AS supplier_name, s.currency, s.archived
          FROM supplier_prices p JOIN suppliers s ON s.id = p.supplier_id
          WHERE p.item_id = ? ORDER BY s.name COLLATE NOCASE`,
    args: [itemId],
  });
  return rs.rows.map((r) => ({
    ...toPrice(r),
    supplierName: str(r.supplier_name),
    currency: str(r.currency),
    archived: num(r.archived) === 1,
  }));
}

export async function priceOf(
  ex: Executor,
  supplierId: number,
  itemId: number,
): Promise<SupplierPrice | null> {
  const rs = await ex.execute({
    sql: `SELECT ${PRICE_COLUMNS} FROM supplier_prices p WHERE p.supplier_id = ? AND p.item_id = ?`,
    args: [supplierId, itemId],
  });
  const r = rs.rows[0];
  return r ? toPrice(r) : null;
}

const PRICE_JSON_COLUMNS = [
  'p.supplier_id',
  'p.item_id',
  'p.part_number',
  'p.price_minor',
  'p.pack_unit',
  'p.pack_size',
  'p.min_order_packs',
  'p.lead_time_days',
  'p.updated_at',
];

/** The prices of these (supplier, item) pairs that exist. */
export async function pricesOfPairs(
  ex: Executor,
  pairs: readonly { supplierId: number; itemId: number }[],
): Promise<SupplierPrice[]> {
  const rows = await selectAsJson(
    ex,
    PRICE_JSON_COLUMNS,
    `FROM supplier_prices p
     WHERE (p.supplier_id, p.item_id) IN (SELECT value->>0, value->>1 FROM json_each(?))`,
    [JSON.stringify(pairs.map((p) => [p.supplierId, p.itemId]))],
  );
  return rows.map(toPrice);
}

/** Every price with its supplier's name and currency and the item's SKU, by supplier and SKU. */
export async function allPricesBySupplier(
  ex: Executor,
): Promise<(SupplierPrice & { supplierName: string; currency: string; sku: string })[]> {
  const rows = await selectAsJson(
    ex,
    [...PRICE_JSON_COLUMNS, 's.name', 's.currency', 'i.sku'],
    `FROM (SELECT * FROM supplier_prices ORDER BY supplier_id, item_id) p
     JOIN suppliers s ON s.id = p.supplier_id JOIN items i ON i.id = p.item_id`,
    [],
  );
  return rows
    .map((r) => ({ ...toPrice(r), supplierName: str(r.name), currency: str(r.currency), sku: str(r.sku) }))
    .sort((a, b) => a.supplierName.localeCompare(b.supplierName) || a.sku.localeCompare(b.sku));
}

/** A price's values in the column order of the two price inserts below. */
const priceValues = (p: SupplierPriceInput, at: number): InValue[] => [
  p.supplierId,
  p.itemId,
  p.partNumber,
  p.priceMinor,
  p.pack.unit,
  p.pack.size,
  p.minOrderPacks,
  p.leadTimeDays,
  at,
];

/** Sets the one price of (supplier, item), replacing any earlier one. */
export async function upsertPrice(ex: Executor, p: SupplierPriceInput, at: number): Promise<void> {
  await ex.execute({
    sql: `INSERT INTO supplier_prices (supplier_id, item_id, part_number, price_minor, pack_unit, pack_size,
            min_order_packs, lead_time_days, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (supplier_id, item_id) DO UPDATE SET part_number = excluded.part_number,
            price_minor = excluded.price_minor, pack_unit = excluded.pack_unit, pack_size = excluded.pack_size,
            min_order_packs = excluded.min_order_packs, lead_time_days = excluded.lead_time_days,
            updated_at = excluded.updated_at`,
    args: priceValues(p, at),
  });
}

/** Removes the price; false when there was none. */
export async function deletePrice(ex: Executor, supplierId: number, itemId: number): Promise<boolean> {
  const rs = await ex.execute({
    sql: 'DELETE FROM supplier_prices WHERE supplier_id = ? AND item_id = ?',
    args: [supplierId, itemId],
  });
  return rs.rowsAffected > 0;
}

/** Price rows in bulk (the seed). */
export async function insertPrices(
  ex: Executor,
  prices: readonly SupplierPriceInput[],
  at: number,
): Promise<void> {
  await insertRows(
    ex,
    `INSERT INTO supplier_prices (supplier_id, item_id, part_number, price_minor, pack_unit, pack_size,
       min_order_packs, lead_time_days, updated_at)`,
    prices.map((p) => priceValues(p, at)),
  );
}

/** How many items have this supplier as their preferred one. */
export async function countItemsPreferring(ex: Executor, supplierId: number): Promise<number> {
  const rs = await ex.execute({
    sql: 'SELECT count(*) AS n FROM items WHERE supplier_id = ?',
    args: [supplierId],
  });
  return num(rs.rows[0]?.n);
}

/** Every supplier id, oldest first (the seed addresses suppliers by position). */
export async function supplierIdsInOrder(ex: Executor): Promise<number[]> {
  const rs = await ex.execute('SELECT id FROM suppliers ORDER BY id');
  return rs.rows.map((r) => num(r.id));
}
