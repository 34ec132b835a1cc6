-- Asset and maintenance-plan masters. An asset gains its register fields, archiving and a placement
-- at a bin or a twin zone (a spot on the floor lives in the twin document as an asset placement, keyed
-- by the register tag). A plan gains a task checklist, estimated hours, a parts kit and archiving; the
-- work order a plan raises copies the checklist (ticked off one task at a time) and the hours.

ALTER TABLE assets ADD COLUMN type TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN criticality TEXT NOT NULL DEFAULT 'medium'
  CHECK (criticality IN ('low', 'medium', 'high', 'critical'));
ALTER TABLE assets ADD COLUMN make TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN model TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN serial TEXT NOT NULL DEFAULT '';
-- 'YYYY-MM-DD': an install date is a calendar day, not an instant, so it is not stored as epoch ms.
ALTER TABLE assets ADD COLUMN installed_on TEXT;
-- A zone of the current twin the asset stands in (location_id, already there, is the bin it is kept at).
ALTER TABLE assets ADD COLUMN zone_id TEXT;
ALTER TABLE assets ADD COLUMN archived_at INTEGER;
-- Registered assets had only a category; it is the best type they have until someone edits them.
UPDATE assets SET type = category WHERE type = '';
-- The register tag is how people, labels, voice and the twin name a machine: "p-101" is "P-101".
CREATE UNIQUE INDEX assets_tag_nocase ON assets(tag COLLATE NOCASE);

ALTER TABLE maintenance_plans ADD COLUMN checklist TEXT NOT NULL DEFAULT '[]'; -- JSON array of task texts
ALTER TABLE maintenance_plans ADD COLUMN estimated_hours REAL CHECK (estimated_hours IS NULL OR estimated_hours > 0);
ALTER TABLE maintenance_plans ADD COLUMN archived_at INTEGER;
CREATE INDEX maintenance_plans_by_asset ON maintenance_plans(asset_id);

-- The parts a plan's work order needs; reserved through the ledger when the plan raises it.
CREATE TABLE maintenance_plan_parts (
  plan_id INTEGER NOT NULL REFERENCES maintenance_plans(id),
  seq     INTEGER NOT NULL,
  item_id INTEGER NOT NULL REFERENCES items(id),
  qty     INTEGER NOT NULL CHECK (qty > 0),
  PRIMARY KEY (plan_id, seq),
  UNIQUE (plan_id, item_id)
) WITHOUT ROWID;

ALTER TABLE work_orders ADD COLUMN estimated_hours REAL;

CREATE TABLE work_order_tasks (
  id            INTEGER PRIMARY KEY,
  work_order_id INTEGER NOT NULL REFERENCES work_orders(id),
  seq           INTEGER NOT NULL,
  text          TEXT NOT NULL,
  done_at       INTEGER,
  done_by       INTEGER REFERENCES users(id),
  UNIQUE (work_order_id, seq)
);
