-- The keys that sign ID tokens and JWT access tokens, by their public halves (SigningKeyGenerated/Activated/Retired).
-- The private halves never reach the database: they stay in LEDGER_SIGNING_KEYS_DIR.
CREATE TABLE signing_keys (
    kid          VARCHAR(255) PRIMARY KEY,
    algorithm    VARCHAR(10)  NOT NULL,
    public_jwk   JSONB        NOT NULL,
    generated_at TIMESTAMPTZ  NOT NULL,
    activated_at TIMESTAMPTZ,
    retired_at   TIMESTAMPTZ
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT ON signing_keys TO ledger_analyst;
    END IF;
END
$$;
