-- The change feed: every event a write transaction emits, written in that transaction, in commit
-- order. Every server instance on this database tails it from the last id it has seen and publishes
-- what it reads (live screens, search indexes, the voice vocabulary, session caches), and a screen
-- that reconnects resumes from its last id. Rows older than the retention window are trimmed.
-- AUTOINCREMENT: an id is never reused, even once every older row is trimmed, so "after id N"
-- always means "committed after N".
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at INTEGER NOT NULL,
  -- The event as JSON (common/live-events.ts LiveEvent), serialised once by the writer.
  event      TEXT NOT NULL
);
