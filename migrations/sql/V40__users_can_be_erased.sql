-- Issue 25: an erased person (UserErased) keeps their row, so the analysts' queries still count their account and
-- activity, but not their plaintext: username and email become 'erased:<user_id>' (unique, and no one's name), name
-- and password hash are gone. When, so analysts can count and date erasures.
ALTER TABLE users ADD COLUMN erased_at TIMESTAMPTZ;
COMMENT ON COLUMN users.erased_at IS 'when the person was erased (UserErased); their personal columns hold no plaintext';

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (erased_at) ON users TO ledger_analyst;
    END IF;
END
$$;

-- The analysts' audit log shows an event's personal data as the request context is shown, '[encrypted]', rather than
-- a ciphertext that tells them nothing (the auditors' API, /ledger/audit, reads it decrypted while its key lives).
CREATE FUNCTION ledger_details(doc JSONB) RETURNS JSONB
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS
$$
BEGIN
    CASE jsonb_typeof(doc)
        WHEN 'object' THEN
            RETURN (SELECT coalesce(jsonb_object_agg(key, ledger_details(value)), '{}'::jsonb)
                    FROM jsonb_each(doc) WHERE key NOT LIKE '%Hash' OR key = 'atHash');
        WHEN 'array' THEN
            RETURN (SELECT coalesce(jsonb_agg(ledger_details(value) ORDER BY n), '[]'::jsonb)
                    FROM jsonb_array_elements(doc) WITH ORDINALITY AS element (value, n));
        WHEN 'string' THEN
            RETURN CASE WHEN doc #>> '{}' LIKE 'enc:v1:%' THEN to_jsonb('[encrypted]'::text) ELSE doc END;
        ELSE
            RETURN doc;
    END CASE;
END
$$;

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
       ledger_details(payload.doc)                                        AS details,
       CASE WHEN meta.doc ->> 'remoteAddress' LIKE 'enc:v1:%' THEN '[encrypted]'
            ELSE left(meta.doc ->> 'remoteAddress', 64) END               AS remote_address,
       CASE WHEN meta.doc ->> 'userAgent' LIKE 'enc:v1:%' THEN '[encrypted]'
            ELSE left(meta.doc ->> 'userAgent', 255) END                  AS user_agent,
       left(meta.doc ->> 'requestId', 64)::varchar(64)                    AS request_id
FROM audit_entry a
JOIN domain_event_entry e ON e.global_index = a.global_index
CROSS JOIN LATERAL (SELECT convert_from(e.payload, 'UTF8')::jsonb AS doc) AS payload
CROSS JOIN LATERAL (SELECT convert_from(e.meta_data, 'UTF8')::jsonb AS doc) AS meta;
