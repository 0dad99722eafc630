-- Each node keeps the token rows and client registrations that introspection read lately (docs/architecture.md,
-- "The introspection cache"). A change to one of those rows is announced on the channel ledger_lookups when its
-- transaction commits, to every node listening, in commit order; a node drops what it kept of that row.
-- Only updates matter: rows are inserted before anyone can present their tokens, and retention deletes only tokens
-- whose access and refresh token have expired, which a kept copy answers as inactive by the same clock.
-- Payloads name the row by its id: 'token <token_id>' or 'client <client_id>'.

CREATE FUNCTION ledger_lookup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'tokens' THEN
        PERFORM pg_notify('ledger_lookups', 'token ' || OLD.token_id);
    ELSE
        PERFORM pg_notify('ledger_lookups', 'client ' || OLD.client_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tokens_lookup_changed AFTER UPDATE ON tokens
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION ledger_lookup_changed();
CREATE TRIGGER clients_lookup_changed AFTER UPDATE ON clients
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION ledger_lookup_changed();
