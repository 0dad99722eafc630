-- A node may keep the token rows and client registrations introspection read (docs/architecture.md, "The
-- introspection cache (opt-in)"). A change to one of those rows is announced on the channel ledger_lookups when its
-- transaction commits, to every node listening, in commit order, whoever made it (a command, a rebuild's copy, an
-- operator); a node drops what it kept of that row. Payloads: 'token <token_id>', 'client <client_id>', or 'all'
-- when kept rows cannot be named: rows deleted (retention, a rebuild's copy), or a token's hashes rewritten, after
-- which a hash may no longer name the token it named. Inserts need none: nobody can present a token before its row
-- is there.

-- Announcing costs every writer of tokens and clients, even with nobody listening: a transaction that has sent a
-- NOTIFY holds a cluster-wide lock from the start of its commit to its end, so such commits go one at a time
-- (pgbench, revocations at 16 connections: ~1,550 tps without, ~850 with). So writers announce only while this is
-- on: the listener of a node that runs the cache turns it on; an operator turns it off once no node does.
CREATE TABLE lookup_notifications (
    enabled  BOOLEAN NOT NULL,
    only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row)
);
INSERT INTO lookup_notifications (enabled) VALUES (false);

CREATE FUNCTION ledger_lookup_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM lookup_notifications WHERE enabled) THEN
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'clients' THEN
        PERFORM pg_notify('ledger_lookups', 'client ' || OLD.client_id);
    ELSIF OLD.access_token IS DISTINCT FROM NEW.access_token OR OLD.refresh_token IS DISTINCT FROM NEW.refresh_token THEN
        PERFORM pg_notify('ledger_lookups', 'all');
    ELSE
        PERFORM pg_notify('ledger_lookups', 'token ' || OLD.token_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION ledger_lookups_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM gone) AND EXISTS (SELECT 1 FROM lookup_notifications WHERE enabled) THEN
        PERFORM pg_notify('ledger_lookups', 'all');
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER tokens_lookup_changed AFTER UPDATE ON tokens
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION ledger_lookup_changed();
CREATE TRIGGER clients_lookup_changed AFTER UPDATE ON clients
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION ledger_lookup_changed();
CREATE TRIGGER tokens_lookup_deleted AFTER DELETE ON tokens
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION ledger_lookups_deleted();
CREATE TRIGGER clients_lookup_deleted AFTER DELETE ON clients
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION ledger_lookups_deleted();
