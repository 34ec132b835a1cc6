-- Signed checkpoints of the audit chain's head (server/domain/audit-checkpoints.ts): the row id and
-- hash at a moment, signed with an Ed25519 key kept outside the database, so a rewrite of the log
-- that re-hashes every later row is still caught. key_id names the public key that checks it.
CREATE TABLE audit_checkpoints (
  id        INTEGER PRIMARY KEY,
  audit_id  INTEGER NOT NULL,
  hash      TEXT NOT NULL,
  signed_at INTEGER NOT NULL,
  key_id    TEXT NOT NULL,
  signature TEXT NOT NULL
);
CREATE INDEX audit_checkpoints_by_audit ON audit_checkpoints(audit_id);

-- Like the movements, checkpoints are only ever added; an edit is a mistake or an attack.
CREATE TRIGGER audit_checkpoints_append_only_update BEFORE UPDATE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
CREATE TRIGGER audit_checkpoints_append_only_delete BEFORE DELETE ON audit_checkpoints
BEGIN SELECT RAISE(ABORT, 'audit checkpoints are append-only'); END;
