-- Sign-in sessions (SessionStarted, SessionEnded): the session cookie found by its hash, and what the idle timeout
-- is measured from, the last code issued on the session.
CREATE TABLE sessions (
    session_id   UUID         PRIMARY KEY,
    user_id      VARCHAR(255) NOT NULL,
    cookie_hash  VARCHAR(255) NOT NULL UNIQUE,
    methods      VARCHAR(255) NOT NULL,
    started_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    last_used_at TIMESTAMPTZ  NOT NULL,
    ended_at     TIMESTAMPTZ,
    end_reason   VARCHAR(32)
);
COMMENT ON COLUMN sessions.cookie_hash IS 'SHA-256 hash of the session cookie, never the cookie';
CREATE INDEX idx_sessions_user_id ON sessions (user_id);
-- The expiry sweep reads the open sessions only.
CREATE INDEX idx_sessions_open ON sessions (last_used_at) WHERE ended_at IS NULL;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (session_id, user_id, methods, started_at, expires_at, last_used_at, ended_at, end_reason)
            ON sessions TO ledger_analyst;
    END IF;
END
$$;
