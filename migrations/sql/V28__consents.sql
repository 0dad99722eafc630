-- OpenID Connect consent (ClientRegistered/ClientUpdated revision 3, ConsentGranted, ConsentRevoked). A client
-- registered before consent was asked for is first-party, as its events read: nothing changes for its users.
ALTER TABLE clients ADD COLUMN first_party BOOLEAN NOT NULL DEFAULT TRUE;

-- What each user allows each client now; the ledger keeps what they allowed before.
CREATE TABLE consents (
    consent_id VARCHAR(511)  PRIMARY KEY,
    user_id    VARCHAR(255)  NOT NULL,
    client_id  VARCHAR(255)  NOT NULL,
    scope      VARCHAR(1000),
    granted_at TIMESTAMPTZ   NOT NULL,
    revoked_at TIMESTAMPTZ,
    UNIQUE (user_id, client_id)
);
COMMENT ON COLUMN consents.consent_id IS 'user_id/client_id, the consent''s stream in the ledger';
COMMENT ON COLUMN consents.scope IS 'the scopes the user allows the client, space-separated; NULL once revoked';
CREATE INDEX idx_consents_client_id ON consents (client_id);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (first_party) ON clients TO ledger_analyst;
        GRANT SELECT ON consents TO ledger_analyst;
    END IF;
END
$$;
