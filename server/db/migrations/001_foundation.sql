-- Foundation schema: people, locations, catalogue, the stock ledger, purchasing, assets and work orders.
-- Quantities are integers in the item's unit; money is integer cents; times are epoch milliseconds.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('technician', 'planner', 'admin')),
  password_hash TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE locations (
  id       INTEGER PRIMARY KEY,
  code     TEXT NOT NULL UNIQUE,
  kind     TEXT NOT NULL CHECK (kind IN ('bin', 'floor', 'dock')),
  aisle    TEXT,
  bay      INTEGER,
  level    INTEGER,
  x        REAL NOT NULL,
  y        REAL NOT NULL,
  z        REAL NOT NULL,
  width    REAL NOT NULL,
  height   REAL NOT NULL,
  depth    REAL NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE suppliers (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  email          TEXT NOT NULL,
  lead_time_days INTEGER NOT NULL CHECK (lead_time_days >= 0)
);

CREATE TABLE items (
  id               INTEGER PRIMARY KEY,
  sku              TEXT NOT NULL UNIQUE,
  name             TEXT NOT NULL,
  aliases          TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
  unit             TEXT NOT NULL,
  barcode          TEXT UNIQUE,
  category         TEXT NOT NULL,
  unit_cost_cents  INTEGER NOT NULL CHECK (unit_cost_cents >= 0),
  reorder_point    INTEGER NOT NULL CHECK (reorder_point >= 0),
  reorder_qty      INTEGER NOT NULL CHECK (reorder_qty >= 0),
  tracking         TEXT NOT NULL CHECK (tracking IN ('none', 'lot', 'serial')),
  supplier_id      INTEGER REFERENCES suppliers(id),
  created_at       INTEGER NOT NULL
);

-- On-hand per item x location x lot ('' when the item is not lot-tracked). Maintained in the same
-- transaction as the movements; the CHECKs are the last line of defence behind the ledger's rules.
CREATE TABLE stock (
  item_id     INTEGER NOT NULL REFERENCES items(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  lot         TEXT NOT NULL DEFAULT '',
  on_hand     INTEGER NOT NULL CHECK (on_hand >= 0),
  reserved    INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
  last_counted_at INTEGER,
  PRIMARY KEY (item_id, location_id, lot)
) WITHOUT ROWID;
CREATE INDEX stock_by_location ON stock(location_id);

-- The append-only ledger. qty is the signed change at one location; a transfer is two rows that
-- share an operation id.
CREATE TABLE movements (
  id           INTEGER PRIMARY KEY,
  operation_id INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('receive', 'pick', 'put_away', 'transfer', 'adjust', 'count')),
  item_id      INTEGER NOT NULL REFERENCES items(id),
  location_id  INTEGER NOT NULL REFERENCES locations(id),
  lot          TEXT NOT NULL DEFAULT '',
  qty          INTEGER NOT NULL,
  counted_qty  INTEGER,
  actor_id     INTEGER REFERENCES users(id),
  reason       TEXT,
  ref_type     TEXT,
  ref_id       INTEGER,
  created_at   INTEGER NOT NULL
);
CREATE INDEX movements_by_item ON movements(item_id, id);
CREATE INDEX movements_by_location ON movements(location_id, id);
CREATE INDEX movements_by_time ON movements(created_at);

CREATE TRIGGER movements_append_only_update BEFORE UPDATE ON movements
BEGIN SELECT RAISE(ABORT, 'the movement ledger is append-only'); END;
CREATE TRIGGER movements_append_only_delete BEFORE DELETE ON movements
BEGIN SELECT RAISE(ABORT, 'the movement ledger is append-only'); END;

-- A replayed request with the same key gets the first result back and writes nothing more.
CREATE TABLE idempotency (
  key        TEXT PRIMARY KEY,
  actor_id   INTEGER,
  operation  TEXT NOT NULL,
  result     TEXT NOT NULL, -- JSON
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE purchase_orders (
  id          INTEGER PRIMARY KEY,
  supplier_id INTEGER NOT NULL REFERENCES suppliers(id),
  status      TEXT NOT NULL CHECK (status IN ('open', 'partially_received', 'received', 'cancelled')),
  created_by  INTEGER REFERENCES users(id),
  created_at  INTEGER NOT NULL,
  expected_at INTEGER
);

CREATE TABLE purchase_order_lines (
  id              INTEGER PRIMARY KEY,
  po_id           INTEGER NOT NULL REFERENCES purchase_orders(id),
  item_id         INTEGER NOT NULL REFERENCES items(id),
  qty_ordered     INTEGER NOT NULL CHECK (qty_ordered > 0),
  qty_received    INTEGER NOT NULL DEFAULT 0 CHECK (qty_received >= 0),
  unit_cost_cents INTEGER NOT NULL
);
CREATE INDEX po_lines_by_po ON purchase_order_lines(po_id);
CREATE INDEX po_lines_by_item ON purchase_order_lines(item_id);

CREATE TABLE assets (
  id          INTEGER PRIMARY KEY,
  tag         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  aliases     TEXT NOT NULL DEFAULT '[]',
  category    TEXT NOT NULL,
  location_id INTEGER REFERENCES locations(id),
  x           REAL NOT NULL,
  y           REAL NOT NULL,
  z           REAL NOT NULL,
  meter_unit  TEXT,
  meter_value REAL NOT NULL DEFAULT 0,
  status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'down', 'retired')),
  created_at  INTEGER NOT NULL
);

CREATE TABLE maintenance_plans (
  id              INTEGER PRIMARY KEY,
  asset_id        INTEGER NOT NULL REFERENCES assets(id),
  title           TEXT NOT NULL,
  interval_days   INTEGER CHECK (interval_days > 0),
  interval_meter  REAL CHECK (interval_meter > 0),
  priority        TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
  last_done_at    INTEGER NOT NULL,
  last_done_meter REAL NOT NULL DEFAULT 0,
  CHECK (interval_days IS NOT NULL OR interval_meter IS NOT NULL)
);

CREATE TABLE work_orders (
  id           INTEGER PRIMARY KEY,
  title        TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  asset_id     INTEGER REFERENCES assets(id),
  plan_id      INTEGER REFERENCES maintenance_plans(id),
  status       TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'in_progress', 'on_hold', 'done', 'cancelled')),
  priority     TEXT NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
  due_at       INTEGER,
  assignee_id  INTEGER REFERENCES users(id),
  created_by   INTEGER REFERENCES users(id),
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  completed_at INTEGER
);
CREATE INDEX work_orders_by_status ON work_orders(status);
CREATE INDEX work_orders_by_asset ON work_orders(asset_id);
-- At most one open plan-generated work order per plan, so the scheduler can run any number of times.
CREATE UNIQUE INDEX work_orders_one_open_per_plan ON work_orders(plan_id)
  WHERE plan_id IS NOT NULL AND status NOT IN ('done', 'cancelled');

-- Parts for a work order: reserved at a location, then consumed through the ledger.
CREATE TABLE work_order_parts (
  id            INTEGER PRIMARY KEY,
  work_order_id INTEGER NOT NULL REFERENCES work_orders(id),
  item_id       INTEGER NOT NULL REFERENCES items(id),
  location_id   INTEGER NOT NULL REFERENCES locations(id),
  lot           TEXT NOT NULL DEFAULT '',
  qty_reserved  INTEGER NOT NULL CHECK (qty_reserved >= 0),
  qty_consumed  INTEGER NOT NULL DEFAULT 0 CHECK (qty_consumed >= 0)
);
CREATE INDEX work_order_parts_by_wo ON work_order_parts(work_order_id);

CREATE TABLE work_order_events (
  id            INTEGER PRIMARY KEY,
  work_order_id INTEGER NOT NULL REFERENCES work_orders(id),
  actor_id      INTEGER REFERENCES users(id),
  kind          TEXT NOT NULL,
  from_status   TEXT,
  to_status     TEXT,
  note          TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL
);
CREATE INDEX work_order_events_by_wo ON work_order_events(work_order_id, id);

-- Every change, each entry hashing the one before it (see server/domain/audit-chain.ts).
CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  actor_id   INTEGER,
  action     TEXT NOT NULL,
  entity     TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  data       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
);

CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
