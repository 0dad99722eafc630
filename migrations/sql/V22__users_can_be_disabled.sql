-- A disabled account (UserDisabled) signs in no more; when, so analysts can count and date them.
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMPTZ;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (disabled_at) ON users TO ledger_analyst;
    END IF;
END
$$;
