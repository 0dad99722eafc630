-- RFC 9126 pushed authorization requests: whether a client must push its authorization requests before sending the
-- user to the authorization endpoint (ClientRegistered/ClientUpdated revision 7). The requests themselves are
-- events (AuthorizationRequestPushed, PushedAuthorizationRequestUsed), read from their streams: no table.
ALTER TABLE clients ADD COLUMN require_pushed_authorization_requests BOOLEAN NOT NULL DEFAULT false;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (require_pushed_authorization_requests) ON clients TO ledger_analyst;
    END IF;
END
$$;
