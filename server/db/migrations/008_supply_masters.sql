-- Supply masters: suppliers with contacts, currency and notes; supplier prices per item with packs;
-- item categories, units of measure and item packs; non-rack locations (cabinets, rooms, vans, other
-- areas) that are ledger locations like bins. Prices are integer minor units of the supplier's currency.

-- ---- suppliers ----
ALTER TABLE suppliers ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
ALTER TABLE suppliers ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE suppliers ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;

CREATE TABLE supplier_contacts (
  id          INTEGER PRIMARY KEY,
  supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  role        TEXT NOT NULL DEFAULT '',
  email       TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX supplier_contacts_by_supplier ON supplier_contacts(supplier_id, position);

-- The one e-mail address a supplier had becomes its first contact, then the column goes.
INSERT INTO supplier_contacts (supplier_id, position, name, role, email, phone)
  SELECT id, 0, 'Orders', 'orders', email, '' FROM suppliers WHERE email <> '';
ALTER TABLE suppliers DROP COLUMN email;

-- One price per supplier and item: what the supplier calls it, what one pack costs and holds.
CREATE TABLE supplier_prices (
  supplier_id     INTEGER NOT NULL REFERENCES suppliers(id),
  item_id         INTEGER NOT NULL REFERENCES items(id),
  part_number     TEXT NOT NULL,
  price_minor     INTEGER NOT NULL CHECK (price_minor >= 0), -- per pack, in the supplier's currency
  pack_unit       TEXT NOT NULL,
  pack_size       INTEGER NOT NULL CHECK (pack_size > 0), -- base units of the item per pack
  min_order_packs INTEGER NOT NULL DEFAULT 1 CHECK (min_order_packs > 0),
  lead_time_days  INTEGER CHECK (lead_time_days >= 0), -- NULL: the supplier's own lead time
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (supplier_id, item_id)
) WITHOUT ROWID;
CREATE INDEX supplier_prices_by_item ON supplier_prices(item_id);

-- ---- categories, units and packs ----
CREATE TABLE categories (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
  archived INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE units (
  id       INTEGER PRIMARY KEY,
  code     TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name     TEXT NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0
);

INSERT INTO units (code, name) VALUES
  ('ea', 'each'), ('box', 'box'), ('pack', 'pack'), ('m', 'metre'), ('kg', 'kilogram'), ('l', 'litre'),
  ('pair', 'pair'), ('roll', 'roll'), ('set', 'set');
-- Every category and unit items already name becomes a row; items then spell them as the row does.
INSERT OR IGNORE INTO categories (name) SELECT DISTINCT trim(category) FROM items ORDER BY 1;
INSERT OR IGNORE INTO units (code, name) SELECT DISTINCT trim(unit), trim(unit) FROM items ORDER BY 1;
UPDATE items SET category = (SELECT c.name FROM categories c WHERE c.name = trim(items.category));
UPDATE items SET unit = (SELECT u.code FROM units u WHERE u.code = trim(items.unit));

-- Pack sizes an item is handled in besides its base unit: a box of 100 (ea).
CREATE TABLE item_packs (
  id      INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  unit    TEXT NOT NULL,
  size    INTEGER NOT NULL CHECK (size > 1),
  UNIQUE (item_id, unit, size)
);

-- ---- purchase orders remember what was agreed ----
ALTER TABLE purchase_orders ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
ALTER TABLE purchase_order_lines ADD COLUMN part_number TEXT;
ALTER TABLE purchase_order_lines ADD COLUMN pack_unit TEXT;
ALTER TABLE purchase_order_lines ADD COLUMN pack_size INTEGER NOT NULL DEFAULT 1;
-- Per pack, in the order's currency; NULL when no price was known (to be agreed with the supplier).
ALTER TABLE purchase_order_lines ADD COLUMN pack_price INTEGER;
UPDATE purchase_order_lines
  SET pack_price = unit_cost_cents, pack_unit = (SELECT i.unit FROM items i WHERE i.id = purchase_order_lines.item_id);

-- ---- locations: new kinds, names and optional places ----
-- A CHECK cannot be altered in place, so the table is rebuilt. Stock, movements, work order parts, drone
-- audits, assets and relocations reference locations(id): the ids are copied unchanged and the foreign
-- keys are checked only at commit, when every referenced row is back.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE locations_copy_008 (
  id INTEGER PRIMARY KEY, code TEXT, kind TEXT, aisle TEXT, bay INTEGER, level INTEGER, x REAL, y REAL, z REAL,
  width REAL, height REAL, depth REAL, capacity INTEGER, active INTEGER, rotation_y REAL, rack_id TEXT
);
INSERT INTO locations_copy_008 (id, code, kind, aisle, bay, level, x, y, z, width, height, depth, capacity, active,
    rotation_y, rack_id)
  SELECT id, code, kind, aisle, bay, level, x, y, z, width, height, depth, capacity, active, rotation_y, rack_id
  FROM locations;

DROP TABLE locations;

CREATE TABLE locations (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  -- bin and dock come from the facility layout; floor from CSV; the rest are kept by hand (Setup).
  kind        TEXT NOT NULL CHECK (kind IN ('bin', 'floor', 'dock', 'cabinet', 'room', 'van', 'area')),
  name        TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  floor_id    TEXT,
  aisle       TEXT,
  bay         INTEGER,
  level       INTEGER,
  x           REAL,
  y           REAL,
  z           REAL,
  width       REAL NOT NULL DEFAULT 0,
  height      REAL NOT NULL DEFAULT 0,
  depth       REAL NOT NULL DEFAULT 0,
  capacity    INTEGER NOT NULL CHECK (capacity > 0),
  active      INTEGER NOT NULL DEFAULT 1,
  rotation_y  REAL NOT NULL DEFAULT 0,
  rack_id     TEXT,
  -- A place in the twin is a whole point or none (a van has none); layout and CSV kinds always have one.
  CHECK ((x IS NULL) = (y IS NULL) AND (y IS NULL) = (z IS NULL)),
  CHECK (kind NOT IN ('bin', 'floor', 'dock') OR x IS NOT NULL)
);

INSERT INTO locations (id, code, kind, aisle, bay, level, x, y, z, width, height, depth, capacity, active,
    rotation_y, rack_id)
  SELECT id, code, kind, aisle, bay, level, x, y, z, width, height, depth, capacity, active, rotation_y, rack_id
  FROM locations_copy_008;

DROP TABLE locations_copy_008;

-- The setup screen lists the hand-kept kinds; the twin sync and bin states filter by kind too.
CREATE INDEX locations_by_kind ON locations(kind, active);
