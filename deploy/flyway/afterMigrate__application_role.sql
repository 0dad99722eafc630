-- The application role, the only one the ledger's nodes connect as: it appends events and writes the read tables, and
-- nothing else. No UPDATE, DELETE or TRUNCATE on the event table, the seals or the chain, so the database keeps the
-- ledger append-only even against a compromised node; it owns no table, so no ALTER or DROP.
--
-- A Flyway callback, run by the schema's owner after every migrate (the compose file's migration job adds this
-- folder to its locations): a table a later migration adds gets these grants too, and a changed password file takes
-- effect at the next run. All privileges are taken away and given again in one transaction, so the role has exactly
-- these, whatever it was granted before. Placeholders: the role's name (ledger_app_role) and its password
-- (ledger_app_password, from a secret file; never on a command line). LeastPrivilegeTest runs the server on this file.

DO $role$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ledger_app_role}') THEN
        CREATE ROLE ${ledger_app_role} LOGIN;
    END IF;
    -- The password dollar-quoted, so quotes and dollars may be in it, but not the closing tag "$password$" (it would
    -- end the quote: the file is trusted as the owner's own; deploy/make-secrets writes hex). Flyway reads "$" right
    -- before a placeholder as an escape (the placeholder left unreplaced): a space keeps them apart, substr drops it.
    EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', '${ledger_app_role}',
                   substr($password$ ${ledger_app_password}$password$, 2));
END
$role$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ledger_app_role};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${ledger_app_role};

GRANT USAGE ON SCHEMA public TO ${ledger_app_role};
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO ${ledger_app_role};
GRANT UPDATE, DELETE ON clients, tokens, authorization_codes, users, audit_entry, token_entry, ledger_settings,
    lookup_notifications, signing_keys, sessions, id_tokens, session_grants, consents,
    backchannel_logouts, used_client_assertions, used_dpop_proofs, device_authorizations TO ${ledger_app_role};
-- A personal data key is destroyed by clearing it; its row stays as a tombstone, so no DELETE.
GRANT UPDATE ON personal_data_keys TO ${ledger_app_role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ledger_app_role};
-- Rebuilds replay into shadow tables of a schema of their own, ledger_rebuild: the role owns it, and only it, so it
-- can create no other schema (none that an owner's search_path, "$user" first, would find before public).
REVOKE CREATE ON DATABASE "${flyway:database}" FROM ${ledger_app_role};
CREATE SCHEMA IF NOT EXISTS ledger_rebuild;
ALTER SCHEMA ledger_rebuild OWNER TO ${ledger_app_role};
-- Shadow tables a node left while it still connected as the owner become the role's, which drops them.
DO $tables$
DECLARE
    shadow record;
BEGIN
    FOR shadow IN SELECT tablename FROM pg_tables WHERE schemaname = 'ledger_rebuild' LOOP
        EXECUTE format('ALTER TABLE ledger_rebuild.%I OWNER TO %I', shadow.tablename, '${ledger_app_role}');
    END LOOP;
END
$tables$;
