-- Accounts: disabling users, one-time password links (reset and invite), and login throttling.

-- A disabled user keeps their history but cannot log in; their sessions are deleted when disabled.
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
-- An invited user who has not chosen a password yet has password_hash = '': no password verifies
-- against it, and accepting the invitation sets the first hash.

-- One-time links. Only the SHA-256 of the random token is stored; the link itself is shown once.
CREATE TABLE password_tokens (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose    TEXT NOT NULL CHECK (purpose IN ('reset', 'invite')),
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER,
  -- Set when a newer link for the same user replaced this one before it was used.
  voided_at  INTEGER
);
CREATE INDEX password_tokens_by_user ON password_tokens(user_id);

-- Failed-login counters per key ('account:<username>' or 'address:<ip>'), shared by every server
-- instance on this database (server/domain/login-throttle.ts has the rules).
CREATE TABLE login_throttle (
  key          TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL CHECK (failures > 0),
  locked_until INTEGER NOT NULL,
  forget_at    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX login_throttle_by_forget ON login_throttle(forget_at);

-- Disabling a user or changing a password ends all of that user's sessions.
CREATE INDEX sessions_by_user ON sessions(user_id);
