-- Roles on users (UserRolesChanged): what a user's token may open of the ledger's own APIs. 'AUDITOR' reads the
-- ledger (ledger:audit); 'ADMIN' manages it (ledger:admin, and ledger:audit). The console signs users in by them.
ALTER TABLE users ADD COLUMN roles TEXT[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN users.roles IS 'the roles the newest UserRolesChanged gave: AUDITOR, ADMIN; empty for none';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (roles) ON users TO ledger_analyst;
    END IF;
END
$$;
