-- Insert order is not commit order: a transaction takes its events' global_index when it inserts them and
-- publishes them when it commits. Streaming processors track the positions still missing, but give up on one
-- after their gap timeout (60 s; see AxonConfig). PostgreSQL 15 has no transaction_timeout, so a transaction
-- that appends events is refused at commit when it started longer ago than this deadline: its events never
-- appear, the client sees an error, and no processor can have given up on them.
--
-- The deadline is 20 s unless the setting ledger.event_commit_deadline says otherwise (for a bulk load:
-- SET LOCAL ledger.event_commit_deadline = '1 hour' with no processor running). Keep it at most a third of
-- the gap timeout: an event is declared lost only when a later one is older than the gap timeout.
CREATE FUNCTION ledger_event_commit_deadline() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    deadline interval := coalesce(nullif(current_setting('ledger.event_commit_deadline', true), ''), '20 seconds');
BEGIN
    IF clock_timestamp() - transaction_timestamp() > deadline THEN
        RAISE EXCEPTION 'a transaction held ledger position % open for longer than % and was refused', NEW.global_index, deadline
            USING ERRCODE = '25P04', HINT = 'keep transactions that append events short';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER domain_event_entry_commit_deadline
    AFTER INSERT ON domain_event_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_event_commit_deadline();
