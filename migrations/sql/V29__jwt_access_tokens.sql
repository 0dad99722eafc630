-- RFC 9068 JWT access tokens, per client (ClientRegistered/ClientUpdated revision 4; TokenIssued revision 3 and the
-- grant events' revision 3 name the key that signs one). A JWT's row is found by its jti once its signature is
-- checked: access_token holds 'jwt:<token_id>', which no SHA-256 of a presented value can equal.
ALTER TABLE clients ADD COLUMN access_token_format VARCHAR(16) NOT NULL DEFAULT 'opaque'
    CHECK (access_token_format IN ('opaque', 'jwt'));
COMMENT ON COLUMN tokens.access_token IS
    'SHA-256 hash of an opaque access token, never the token; jwt:<token_id> for a JWT access token';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (access_token_format) ON clients TO ledger_analyst;
    END IF;
END
$$;
