-- Views for the questions analysts ask most, and a read-only role that sees the read tables and views only.

CREATE VIEW tokens_per_client_per_day AS
SELECT client_id, DATE(created_at) AS day, grant_type, COUNT(*) AS issued
FROM tokens
GROUP BY client_id, DATE(created_at), grant_type;

CREATE VIEW revocations_by_reason AS
SELECT revocation_reason AS reason, DATE(revoked_at) AS day, COUNT(*) AS revoked
FROM tokens
WHERE revoked_at IS NOT NULL
GROUP BY revocation_reason, DATE(revoked_at);

-- Active now: not revoked, not expired, and the client not retired (what introspection would say).
CREATE VIEW active_tokens AS
SELECT t.token_id, t.client_id, t.user_id, t.grant_type, t.scope, t.created_at, t.expires_at
FROM tokens t JOIN clients c ON c.client_id = t.client_id
WHERE t.revoked_at IS NULL AND t.expires_at > NOW() AND c.retired_at IS NULL;

-- The analysts' role: no login of its own (grant it to a login role), SELECT on read tables and views, nothing on
-- the event store, the processors' tokens or the seals. Creating roles needs CREATEROLE; where the migrating user
-- lacks it, the role is left for a DBA to create (docs/operations.md) and the grants are skipped.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        IF (SELECT rolcreaterole OR rolsuper FROM pg_roles WHERE rolname = current_user) THEN
            CREATE ROLE ledger_analyst NOLOGIN;
        ELSE
            RAISE NOTICE 'ledger_analyst not created: % may not create roles', current_user;
        END IF;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO ledger_analyst', current_database());
        GRANT USAGE ON SCHEMA public TO ledger_analyst;
        GRANT SELECT ON clients, tokens, authorization_codes, users, audit_log,
                        tokens_per_client_per_day, revocations_by_reason, active_tokens TO ledger_analyst;
    END IF;
END
$$;
