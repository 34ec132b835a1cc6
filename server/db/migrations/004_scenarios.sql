-- Planner scenarios: a base twin revision plus edits (JSON, validated by server/domain/layout). A
-- scenario never touches the live twin or the ledger until it is applied, which publishes a revision
-- and creates a relocation work order whose stock transfers are listed in relocation_transfers.
CREATE TABLE scenarios (
  id                  INTEGER PRIMARY KEY,
  name                TEXT NOT NULL,
  notes               TEXT NOT NULL DEFAULT '',
  base_revision_id    INTEGER NOT NULL REFERENCES twin_revisions(id),
  edits               TEXT NOT NULL DEFAULT '[]', -- JSON array of layout edits
  status              TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'applied')),
  created_by          INTEGER REFERENCES users(id),
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  applied_revision_id INTEGER REFERENCES twin_revisions(id),
  work_order_id       INTEGER REFERENCES work_orders(id),
  applied_at          INTEGER
);

-- The latest simulation of each scenario (base and scenario figures), so a comparison survives a reload.
CREATE TABLE scenario_results (
  scenario_id INTEGER PRIMARY KEY REFERENCES scenarios(id) ON DELETE CASCADE,
  seed        INTEGER NOT NULL,
  days        INTEGER NOT NULL,
  result      TEXT NOT NULL, -- JSON
  created_at  INTEGER NOT NULL
);

CREATE TABLE relocation_transfers (
  id               INTEGER PRIMARY KEY,
  scenario_id      INTEGER NOT NULL REFERENCES scenarios(id),
  work_order_id    INTEGER NOT NULL REFERENCES work_orders(id),
  item_id          INTEGER NOT NULL REFERENCES items(id),
  lot              TEXT NOT NULL DEFAULT '',
  qty              INTEGER NOT NULL CHECK (qty > 0),
  from_location_id INTEGER NOT NULL REFERENCES locations(id),
  to_location_id   INTEGER NOT NULL REFERENCES locations(id)
);
CREATE INDEX relocation_transfers_by_work_order ON relocation_transfers(work_order_id);
