-- RFC 8693 token exchange. What a client may exchange a token for (ClientRegistered/ClientUpdated revision 9), and
-- which tokens an exchanged token came from (TokenIssued revision 5), so that revoking the subject token can revoke
-- the tokens exchanged from it.
ALTER TABLE clients ADD COLUMN token_exchange_audiences TEXT[] NOT NULL DEFAULT '{}';
ALTER TABLE clients ADD COLUMN token_exchange_revoked_with_subject BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE tokens ADD COLUMN subject_token_id UUID;
ALTER TABLE tokens ADD COLUMN actor_token_id UUID;
ALTER TABLE tokens ADD COLUMN revoked_with_subject BOOLEAN NOT NULL DEFAULT false;
COMMENT ON COLUMN tokens.subject_token_id IS 'the token this one was exchanged for (RFC 8693 subject_token); NULL otherwise';
COMMENT ON COLUMN tokens.actor_token_id IS 'the actor_token presented with that exchange (RFC 8693 §4.1); NULL for none';
CREATE INDEX idx_tokens_subject_token_id ON tokens (subject_token_id) WHERE subject_token_id IS NOT NULL;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (token_exchange_audiences, token_exchange_revoked_with_subject) ON clients TO ledger_analyst;
    END IF;
END
$$;
