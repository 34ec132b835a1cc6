-- Idempotency keys belong to the user who sent them. Keyed by the key alone, a user could probe
-- another user's keys (a replay answered with their result, or a 409 saying the key is taken); now
-- the same key from another user is a fresh request. actor_id 0 stands for no user (the system).
CREATE TABLE idempotency_by_actor (
  actor_id   INTEGER NOT NULL,
  key        TEXT NOT NULL,
  operation  TEXT NOT NULL,
  result     TEXT NOT NULL, -- JSON
  created_at INTEGER NOT NULL,
  PRIMARY KEY (actor_id, key)
) WITHOUT ROWID;

INSERT INTO idempotency_by_actor (actor_id, key, operation, result, created_at)
  SELECT coalesce(actor_id, 0), key, operation, result, created_at FROM idempotency;

DROP TABLE idempotency;
ALTER TABLE idempotency_by_actor RENAME TO idempotency;
