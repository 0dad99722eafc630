-- Where OpenID Connect RP-Initiated Logout may send a client's users back to (ClientRegistered/ClientUpdated
-- revision 2): matched exactly, as redirect_uris are.
ALTER TABLE clients ADD COLUMN post_logout_redirect_uris TEXT[] NOT NULL DEFAULT '{}';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (post_logout_redirect_uris) ON clients TO ledger_analyst;
    END IF;
END
$$;
