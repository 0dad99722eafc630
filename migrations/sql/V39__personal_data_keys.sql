-- Issue 25: the keys personal data in events is encrypted under, one per person (user:<id>) and one per UTC day of
-- requests no person is known for (anonymous:<date>), each wrapped under a key derived from the seal key. A destroyed
-- key leaves its row without the key (destroyed_at set), so no new key is made under its id: what it encrypted reads
-- as erased, while the events, their seals and the chain stay as they were. Not granted to the analysts' role.
CREATE TABLE personal_data_keys (
    key_id        TEXT PRIMARY KEY,
    wrapped_key   BYTEA,
    wrap_key_id   TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    destroy_after TIMESTAMPTZ,
    destroyed_at  TIMESTAMPTZ,
    CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
);
CREATE INDEX idx_personal_data_keys_destroy_after ON personal_data_keys (destroy_after)
    WHERE wrapped_key IS NOT NULL AND destroy_after IS NOT NULL;

-- The audit log's address and user agent come from the event's metadata, now encrypted: the view says so rather than
-- show a cut-off ciphertext (the auditors' API, /ledger/audit, reads them decrypted).
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
       CASE WHEN meta.doc ->> 'remoteAddress' LIKE 'enc:v1:%' THEN '[encrypted]'
            ELSE left(meta.doc ->> 'remoteAddress', 64) END               AS remote_address,
       CASE WHEN meta.doc ->> 'userAgent' LIKE 'enc:v1:%' THEN '[encrypted]'
            ELSE left(meta.doc ->> 'userAgent', 255) END                  AS user_agent,
       left(meta.doc ->> 'requestId', 64)::varchar(64)                    AS request_id
FROM audit_entry a
JOIN domain_event_entry e ON e.global_index = a.global_index
CROSS JOIN LATERAL (SELECT convert_from(e.payload, 'UTF8')::jsonb AS doc) AS payload
CROSS JOIN LATERAL (SELECT convert_from(e.meta_data, 'UTF8')::jsonb AS doc) AS meta;
