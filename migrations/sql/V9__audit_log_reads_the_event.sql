-- The audit log stops copying the event. audit_log held each event's details (its payload, redacted), its id,
-- aggregate, actor and request context a second time, with eight indexes: ~1,100 bytes per event, more than the
-- event row itself. Now the table audit_entry holds only what the auditors' filters look up (position, time,
-- event type, client, user, token, request id), and audit_log is a view that reads the rest from the event row,
-- with the same columns as before. Details are the event as appended, without its ...Hash fields.

CREATE TABLE audit_entry (
    global_index BIGINT       PRIMARY KEY,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    event_type   VARCHAR(255) NOT NULL,
    client_id    VARCHAR(255),
    user_id      VARCHAR(255),
    token_id     UUID,
    request_id   VARCHAR(64)
);
COMMENT ON TABLE audit_entry IS 'what the audit filters look up, one row per event; read audit_log, the view over it';

INSERT INTO audit_entry (global_index, occurred_at, event_type, client_id, user_id, token_id, request_id)
SELECT global_index, occurred_at, event_type, client_id, user_id, token_id, request_id FROM audit_log;
DROP TABLE audit_log;

-- Events are appended in time order, so a block range index serves time ranges for a few bytes per thousand rows.
-- The others index one column: a filter pages in ledger order either by walking the primary key (a frequent value)
-- or by sorting the few rows it finds (a rare one), and single-column keys deduplicate to a few bytes per row.
CREATE INDEX idx_audit_entry_occurred_at ON audit_entry USING brin (occurred_at);
CREATE INDEX idx_audit_entry_client_id ON audit_entry (client_id);
CREATE INDEX idx_audit_entry_token_id ON audit_entry (token_id);
CREATE INDEX idx_audit_entry_event_type ON audit_entry (event_type);
CREATE INDEX idx_audit_entry_user_id ON audit_entry (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX idx_audit_entry_request_id ON audit_entry USING hash (request_id) WHERE request_id IS NOT NULL;

-- The rule of io.tokenledger.events.Redaction: a field named ...Hash, at any depth, holds a secret's hash. PL/pgSQL,
-- not SQL: a recursive SQL function is not inlined and ran ~9x slower per event.
CREATE FUNCTION ledger_without_hashes(doc JSONB) RETURNS JSONB
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS
$$
BEGIN
    CASE jsonb_typeof(doc)
        WHEN 'object' THEN
            RETURN (SELECT coalesce(jsonb_object_agg(key, ledger_without_hashes(value)), '{}'::jsonb)
                    FROM jsonb_each(doc) WHERE key NOT LIKE '%Hash');
        WHEN 'array' THEN
            RETURN (SELECT coalesce(jsonb_agg(ledger_without_hashes(value) ORDER BY n), '[]'::jsonb)
                    FROM jsonb_array_elements(doc) WITH ORDINALITY AS element (value, n));
        ELSE
            RETURN doc;
    END CASE;
END
$$;

CREATE VIEW audit_log AS
SELECT a.global_index,
       e.event_identifier                                                 AS event_id,
       a.occurred_at,
       a.event_type,
       e.type                                                             AS aggregate_type,
       e.aggregate_identifier                                             AS aggregate_id,
       CASE WHEN e.type IS NOT NULL THEN e.sequence_number END            AS sequence_number,
       a.client_id,
       a.user_id,
       a.token_id,
       (payload.doc -> 'actor' ->> 'kind') || ':' || (payload.doc -> 'actor' ->> 'id') AS actor,
       ledger_without_hashes(payload.doc)                                 AS details,
       left(meta.doc ->> 'remoteAddress', 64)                             AS remote_address,
       left(meta.doc ->> 'userAgent', 255)                                AS user_agent,
       a.request_id
FROM audit_entry a
JOIN domain_event_entry e ON e.global_index = a.global_index
CROSS JOIN LATERAL (SELECT convert_from(e.payload, 'UTF8')::jsonb AS doc) AS payload
CROSS JOIN LATERAL (SELECT convert_from(e.meta_data, 'UTF8')::jsonb AS doc) AS meta;
COMMENT ON VIEW audit_log IS 'one row per event in ledger order; details never hold a secret or a secret''s hash';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT ON audit_log TO ledger_analyst;
    END IF;
END
$$;
