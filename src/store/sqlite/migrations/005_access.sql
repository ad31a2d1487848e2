-- tipwire schema, version 5: revocation and expiry of tokens (F4).
--
-- `last_used_at` is written at most once per token per
-- TIPWIRE_TOKEN_LAST_USED_INTERVAL_SECONDS (never on every request); for a session it
-- starts at its login and is what the idle timeout is measured from. API tokens may now
-- expire too (`expires_at`, added in version 3). Revoking is `revoked_at`.
ALTER TABLE tokens ADD COLUMN last_used_at INTEGER;

-- A user's sessions, revoked at once when the user is disabled, gets a new password or
-- signs out everywhere.
CREATE INDEX tokens_user ON tokens (user_id) WHERE user_id IS NOT NULL;

-- The token list, newest first.
CREATE INDEX tokens_created ON tokens (created_at);
