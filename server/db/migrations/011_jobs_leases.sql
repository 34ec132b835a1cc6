-- Long work (layout simulations, slotting, drone-audit planning) keeps its state here, so every
-- instance on this database can show a job's progress and result and cancel it. The instance
-- running a job holds its lease (lease_owner, lease_expires_at, on the wall clock) and renews it
-- with each progress write; a running job whose lease has run out lost its instance and is failed.
CREATE TABLE jobs (
  id               TEXT PRIMARY KEY,
  kind             TEXT NOT NULL,
  owner_id         INTEGER NOT NULL REFERENCES users(id),
  status           TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
  progress         REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  stage            TEXT NOT NULL,
  started_at       INTEGER NOT NULL,
  finished_at      INTEGER,
  -- JSON of what the job returned (status done); error is the message people see (status failed).
  result           TEXT,
  error            TEXT,
  -- Set by whichever instance was asked to cancel; the running instance sees it at its next renewal.
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  lease_owner      TEXT NOT NULL,
  lease_expires_at INTEGER NOT NULL
);
CREATE INDEX jobs_running ON jobs(owner_id) WHERE status = 'running';
CREATE INDEX jobs_finished ON jobs(finished_at) WHERE finished_at IS NOT NULL;

-- Named leases for work one instance at a time must do (the maintenance scheduler): the holder
-- renews its row before it expires; anyone may take an expired one.
CREATE TABLE leases (
  name       TEXT PRIMARY KEY,
  owner      TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
