-- audit_entry stops copying the request id (~85 bytes per event with its hash index): the audit_log view reads it
-- from the event's metadata, as it reads the address and user agent. It is not indexed. An operator going from a log
-- line to the events it caused has the line's time too, and the time range is what narrows the search
-- (docs/operations.md):
--   SELECT * FROM audit_log WHERE occurred_at BETWEEN :t - interval '1 minute' AND :t + interval '1 minute'
--                             AND request_id = :id;
CREATE OR REPLACE VIEW audit_log AS
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
       left(meta.doc ->> 'requestId', 64)::varchar(64)                    AS request_id
FROM audit_entry a
JOIN domain_event_entry e ON e.global_index = a.global_index
CROSS JOIN LATERAL (SELECT convert_from(e.payload, 'UTF8')::jsonb AS doc) AS payload
CROSS JOIN LATERAL (SELECT convert_from(e.meta_data, 'UTF8')::jsonb AS doc) AS meta;

ALTER TABLE audit_entry DROP COLUMN request_id;
