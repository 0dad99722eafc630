-- OpenID Connect's standard claims about a user (Core §5.1) beyond username and email: the name UserInfo and the
-- profile scope state, and whether the email was verified. Set through the admin API (UserProfileUpdated).
ALTER TABLE users ADD COLUMN name VARCHAR(255);
ALTER TABLE users ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (name, email_verified) ON users TO ledger_analyst;
    END IF;
END
$$;
