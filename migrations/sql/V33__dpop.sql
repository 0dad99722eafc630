-- RFC 9449 DPoP: the thumbprint of the key a token is bound to (TokenIssued revision 4, GrantToken in the grant
-- events' revision 4), its token_type then 'DPoP'; and the proofs already used, kept for their window, so a replayed
-- proof is refused on every node (not part of the ledger).
ALTER TABLE tokens ADD COLUMN dpop_jkt VARCHAR(43);

CREATE TABLE used_dpop_proofs (
    client_id  VARCHAR(255) NOT NULL,
    jti        VARCHAR(255) NOT NULL,
    expires_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (client_id, jti)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (dpop_jkt) ON tokens TO ledger_analyst;
    END IF;
END
$$;
