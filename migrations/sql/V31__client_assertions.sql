-- RFC 7523 client authentication with private_key_jwt: where a client publishes its public keys (jwks_uri) or the
-- keys themselves (jwks, a public JWK set as JSON) (ClientRegistered/ClientUpdated revision 6).
ALTER TABLE clients ADD COLUMN jwks_uri VARCHAR(1000);
ALTER TABLE clients ADD COLUMN jwks TEXT;

-- The client assertions already used, kept until they expire, so a replayed one is refused on every node
-- (RFC 7523 §3 item 7). Not part of the ledger: a replay is recorded there as a failed client authentication. A
-- client's expired ones are deleted as it authenticates again.
CREATE TABLE used_client_assertions (
    client_id  VARCHAR(255) NOT NULL,
    jti        VARCHAR(255) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (client_id, jti)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (jwks_uri, jwks) ON clients TO ledger_analyst;
    END IF;
END
$$;
