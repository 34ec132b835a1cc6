import type { Client } from '@libsql/client';
import { describe, expect, test } from 'vitest';
import { openDatabase, prepareDatabase } from '../../server/db/database.ts';
import { listMigrations, migrate } from '../../server/db/migrate.ts';
import { BACKENDS } from '../support/backends.ts';

/**
 * Migration 008 rebuilds `locations` (a CHECK cannot be altered in place) while stock, movements, work
 * order parts, drone audits, assets and relocations point at it. Here it runs on a database that is
 * already in use, on both backends: every row and id survives, the foreign keys still hold and still
 * bite, and the new kinds are accepted. Rows are written with SQL because the services only speak the
 * schema after 008.
 */
const before008 = listMigrations().filter((m) => m.version < 8);
const through008 = listMigrations().filter((m) => m.version <= 8);

async function populate(w: Client): Promise<void> {
  const at = Date.parse('2026-05-01T08:00:00Z');
  await w.batch(
    [
      "INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (1, 'ada', 'Ada', 'admin', 'x', 0)",
      `INSERT INTO locations (id, code, kind, aisle, bay, level, x, y, z, width, height, depth, capacity, active, rotation_y, rack_id)
       VALUES (7, 'A-01-1', 'bin', 'A', 1, 1, 4.4, 0.3, 2, 1, 0.4, 0.6, 40, 1, 1.5, 'R-A-1-L'),
              (9, 'A-01-2', 'bin', 'A', 1, 2, 4.4, 0.7, 2, 1, 0.4, 0.6, 40, 0, 0, 'R-A-1-L'),
              (12, 'D1', 'dock', NULL, NULL, NULL, 2, 0, 0, 4, 0, 4, 1000000, 1, 0, NULL),
              (13, 'F-1', 'floor', NULL, NULL, NULL, 1, 0, 1, 2, 2, 2, 5, 1, 0, NULL)`,
      "INSERT INTO suppliers (id, name, email, lead_time_days) VALUES (3, 'Northgate Fasteners', 'orders@northgate.example', 2)",
      `INSERT INTO items (id, sku, name, unit, category, unit_cost_cents, reorder_point, reorder_qty, tracking, supplier_id, created_at)
       VALUES (5, 'FST-M8', 'M8 bolt', 'EA', 'fasteners', 12, 10, 100, 'none', 3, ${at}),
              (6, 'LUB-EP2', 'EP2 grease', 'ea', 'Lubricants', 450, 2, 6, 'lot', NULL, ${at})`,
      `INSERT INTO movements (id, operation_id, kind, item_id, location_id, lot, qty, actor_id, created_at)
       VALUES (1, 1, 'receive', 5, 7, '', 30, 1, ${at}), (2, 2, 'receive', 6, 12, 'L1', 4, 1, ${at}),
              (3, 3, 'transfer', 5, 7, '', -10, 1, ${at}), (4, 3, 'transfer', 5, 12, '', 10, 1, ${at})`,
      `INSERT INTO stock (item_id, location_id, lot, on_hand, reserved) VALUES (5, 7, '', 20, 5), (6, 12, 'L1', 4, 0),
              (5, 12, '', 10, 0)`,
      `INSERT INTO work_orders (id, title, status, priority, created_at, updated_at) VALUES (21, 'Fix conveyor', 'open', 'high', ${at}, ${at})`,
      'INSERT INTO work_order_parts (id, work_order_id, item_id, location_id, qty_reserved) VALUES (31, 21, 5, 7, 5)',
      `INSERT INTO assets (id, tag, name, category, location_id, x, y, z, created_at) VALUES (41, 'PMP-1', 'Pump', 'pumps', 12, 1, 0, 1, ${at})`,
      `INSERT INTO purchase_orders (id, supplier_id, status, created_at) VALUES (51, 3, 'open', ${at})`,
      'INSERT INTO purchase_order_lines (id, po_id, item_id, qty_ordered, unit_cost_cents) VALUES (61, 51, 5, 100, 12)',
    ],
    'write',
  );
}

const snapshot = async (c: Client, sql: string) => JSON.stringify((await c.execute(sql)).rows);

describe.each(BACKENDS)('migration 008 on a populated $name', (backend) => {
  test.skipIf(!backend.available)(
    'rebuilds locations keeping every row and reference; the foreign keys hold and still refuse orphans',
    async () => {
      const server = await backend.open();
      const db = openDatabase({ url: server.url });
      try {
        await prepareDatabase(db);
        expect(await migrate(db, before008)).toEqual(before008.map((m) => m.version));
        const w = db.writer;
        await populate(w);
        const referencing = [
          'SELECT item_id, location_id, lot, on_hand, reserved FROM stock ORDER BY 1, 2, 3',
          'SELECT id, item_id, location_id, qty FROM movements ORDER BY id',
          'SELECT id, work_order_id, location_id, qty_reserved FROM work_order_parts ORDER BY id',
          'SELECT id, location_id FROM assets ORDER BY id',
        ];
        const kept = await Promise.all(referencing.map((sql) => snapshot(w, sql)));
        const oldLocations = await snapshot(
          w,
          'SELECT id, code, kind, aisle, bay, level, x, y, z, width, height, depth, capacity, active, rotation_y, rack_id FROM locations ORDER BY id',
        );

        // Later migrations are not this test's subject: it stops at 008.
        expect(await migrate(db, through008)).toEqual([8]);

        expect(
          await snapshot(
            w,
            'SELECT id, code, kind, aisle, bay, level, x, y, z, width, height, depth, capacity, active, rotation_y, rack_id FROM locations ORDER BY id',
          ),
        ).toBe(oldLocations);
        expect(await Promise.all(referencing.map((sql) => snapshot(w, sql)))).toEqual(kept);
        expect((await w.execute('PRAGMA foreign_key_check')).rows).toEqual([]);
        expect(
          (await w.execute("SELECT name FROM sqlite_master WHERE name = 'locations_copy_008'")).rows,
        ).toEqual([]);

        // The foreign keys still point at the new table and still refuse a dangling reference.
        await expect(w.execute('DELETE FROM locations WHERE id = 7')).rejects.toThrow(/FOREIGN KEY/);
        await expect(
          w.execute("INSERT INTO stock (item_id, location_id, lot, on_hand) VALUES (6, 999, '', 1)"),
        ).rejects.toThrow(/FOREIGN KEY/);

        // The new kinds, with or without a place; the layout's kinds still need one.
        await w.execute(
          "INSERT INTO locations (code, kind, name, capacity) VALUES ('VAN-1', 'van', 'Service van 1', 500)",
        );
        await w.execute(
          "INSERT INTO locations (code, kind, name, floor_id, x, y, z, capacity) VALUES ('CAB-1', 'cabinet', 'Tools', 'F1', 3, 0, 4, 40)",
        );
        await expect(
          w.execute("INSERT INTO locations (code, kind, capacity) VALUES ('B-9', 'bin', 5)"),
        ).rejects.toThrow(/CHECK/);
        await expect(
          w.execute("INSERT INTO locations (code, kind, capacity) VALUES ('SHELF-1', 'shelf', 5)"),
        ).rejects.toThrow(/CHECK/);

        // Masters: every category and unit items used became a row, spelled as the row is.
        expect(await snapshot(w, 'SELECT name FROM categories ORDER BY name')).toBe(
          JSON.stringify([{ name: 'fasteners' }, { name: 'Lubricants' }]),
        );
        expect(await snapshot(w, 'SELECT unit, category FROM items ORDER BY id')).toBe(
          JSON.stringify([
            { unit: 'ea', category: 'fasteners' },
            { unit: 'ea', category: 'Lubricants' },
          ]),
        );
        // The supplier's e-mail became its first contact; its order line kept its price, loose.
        expect(await snapshot(w, 'SELECT supplier_id, name, email FROM supplier_contacts')).toBe(
          JSON.stringify([{ supplier_id: 3, name: 'Orders', email: 'orders@northgate.example' }]),
        );
        expect(await snapshot(w, 'SELECT currency, archived FROM suppliers')).toBe(
          JSON.stringify([{ currency: 'EUR', archived: 0 }]),
        );
        expect(await snapshot(w, 'SELECT pack_unit, pack_size, pack_price FROM purchase_order_lines')).toBe(
          JSON.stringify([{ pack_unit: 'ea', pack_size: 1, pack_price: 12 }]),
        );
      } finally {
        db.close();
        await server.close();
      }
    },
  );
});
