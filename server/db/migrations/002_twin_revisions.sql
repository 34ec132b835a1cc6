-- The facility twin: every published document is kept; one is current. Its bins and docks are the
-- ledger's locations (kept in `locations`, which the ledger references by id).
CREATE TABLE twin_revisions (
  id           INTEGER PRIMARY KEY,
  facility_id  TEXT NOT NULL,
  document     TEXT NOT NULL, -- JSON, current schema version
  note         TEXT NOT NULL DEFAULT '',
  created_by   INTEGER REFERENCES users(id),
  created_at   INTEGER NOT NULL
);

CREATE TABLE twin_current (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  revision_id INTEGER NOT NULL REFERENCES twin_revisions(id)
);

ALTER TABLE locations ADD COLUMN rotation_y REAL NOT NULL DEFAULT 0;
ALTER TABLE locations ADD COLUMN rack_id TEXT;
