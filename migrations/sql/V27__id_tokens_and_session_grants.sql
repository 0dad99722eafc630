-- Every ID token the ledger issued (IdTokenIssued), by its jti: which key signed it, for which token, client,
-- user and session; and the grants each sign-in session started (AuthorizationCodeIssued naming the session).
CREATE TABLE id_tokens (
    id_token_id UUID         PRIMARY KEY,
    grant_id    UUID         NOT NULL,
    token_id    UUID         NOT NULL,
    client_id   VARCHAR(255) NOT NULL,
    user_id     VARCHAR(255) NOT NULL,
    key_id      VARCHAR(255) NOT NULL,
    session_id  UUID,
    issued_at   TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX idx_id_tokens_key_id ON id_tokens (key_id);
CREATE INDEX idx_id_tokens_session_id ON id_tokens (session_id);

-- A grant starts with one code, so with at most one session.
CREATE TABLE session_grants (
    grant_id   UUID         PRIMARY KEY,
    session_id UUID         NOT NULL,
    client_id  VARCHAR(255) NOT NULL,
    issued_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX idx_session_grants_session_id ON session_grants (session_id);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT ON id_tokens, session_grants TO ledger_analyst;
    END IF;
END
$$;
