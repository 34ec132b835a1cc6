-- Drone audits: a plan over rack faces (stored as bin codes per sortie plus its figures), then,
-- once flown in simulation, what each bin read. Discrepancy lines wait for a planner's review; an
-- approved one becomes a ledger `count` (its movement id is kept here).
CREATE TABLE drone_audits (
  id           INTEGER PRIMARY KEY,
  status       TEXT NOT NULL CHECK (status IN ('planned', 'flown')),
  scope        TEXT NOT NULL, -- JSON AuditScope
  label        TEXT NOT NULL, -- the scope in words, for lists
  config       TEXT NOT NULL, -- JSON DroneConfig
  revision_id  INTEGER NOT NULL REFERENCES twin_revisions(id),
  plan         TEXT NOT NULL, -- JSON StoredPlan
  bins         INTEGER NOT NULL,
  sorties      INTEGER NOT NULL,
  distance_m   REAL NOT NULL,
  flight_s     REAL NOT NULL,
  duration_s   REAL NOT NULL,
  parent_id    INTEGER REFERENCES drone_audits(id),
  seed         INTEGER,
  sensor       TEXT, -- JSON SensorModel used for the flight
  created_by   INTEGER REFERENCES users(id),
  created_at   INTEGER NOT NULL,
  flown_by     INTEGER REFERENCES users(id),
  flown_at     INTEGER
);

CREATE TABLE drone_audit_bins (
  audit_id     INTEGER NOT NULL REFERENCES drone_audits(id),
  location_id  INTEGER NOT NULL REFERENCES locations(id),
  seq          INTEGER NOT NULL,
  scanned_at_s REAL NOT NULL, -- simulated seconds since the first take-off
  status       TEXT NOT NULL CHECK (status IN ('read', 'occluded')),
  PRIMARY KEY (audit_id, location_id)
) WITHOUT ROWID;

CREATE TABLE drone_audit_lines (
  id           INTEGER PRIMARY KEY,
  audit_id     INTEGER NOT NULL REFERENCES drone_audits(id),
  location_id  INTEGER NOT NULL REFERENCES locations(id),
  item_id      INTEGER NOT NULL REFERENCES items(id),
  lot          TEXT NOT NULL DEFAULT '',
  expected_qty INTEGER NOT NULL CHECK (expected_qty >= 0),
  read_qty     INTEGER NOT NULL CHECK (read_qty >= 0),
  confidence   REAL NOT NULL,
  outcome      TEXT NOT NULL CHECK (outcome IN ('found', 'miscount', 'missing', 'unexpected')),
  review       TEXT NOT NULL CHECK (review IN ('none', 'pending', 'approved', 'rejected', 'stale')),
  decided_by   INTEGER REFERENCES users(id),
  decided_at   INTEGER,
  movement_id  INTEGER,
  UNIQUE (audit_id, location_id, item_id, lot)
);
CREATE INDEX drone_audit_lines_review ON drone_audit_lines(audit_id, review);
