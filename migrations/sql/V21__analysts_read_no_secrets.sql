-- The analysts' role reads no secret material: not a client's secret or registration token hash, not a user's
-- password hash, and not a user's email (personal data; grant SELECT (email) ON users separately where an analyst
-- needs it, docs/operations.md). Column grants, so the seed's queries, which name their columns, run unchanged.
-- Day buckets are UTC days whatever the session's time zone. Two views answer what the seed's "Check Active
-- Clients" and "Token Statistics" mean to ask: its texts list retired clients too and group every token under
-- "Bearer", and stay as they are.

CREATE OR REPLACE VIEW tokens_per_client_per_day AS
SELECT client_id, (occurred_at AT TIME ZONE 'UTC')::date AS day,
       (CASE event_type WHEN 'AuthorizationCodeRedeemed' THEN 'authorization_code'
                        WHEN 'RefreshTokenRotated' THEN 'refresh_token'
                        ELSE 'client_credentials' END)::varchar(50) AS grant_type,
       COUNT(*) AS issued
FROM audit_entry
WHERE event_type IN ('TokenIssued', 'AuthorizationCodeRedeemed', 'RefreshTokenRotated')
GROUP BY 1, 2, 3;

CREATE OR REPLACE VIEW revocations_by_reason AS
WITH revocation AS (
    SELECT a.global_index, a.event_type, convert_from(e.payload, 'UTF8')::jsonb AS doc
    FROM audit_entry a JOIN domain_event_entry e ON e.global_index = a.global_index
    WHERE a.event_type IN ('TokenRevoked', 'GrantRevoked', 'RefreshTokenRotated')
), revoked AS (
    SELECT global_index, doc ->> 'tokenId' AS token_id, doc ->> 'reason' AS reason,
           (doc ->> 'revokedAt')::timestamptz AS revoked_at
    FROM revocation WHERE event_type = 'TokenRevoked'
    UNION ALL
    SELECT global_index, doc ->> 'supersededTokenId', 'SUPERSEDED', (doc -> 'token' ->> 'issuedAt')::timestamptz
    FROM revocation WHERE event_type = 'RefreshTokenRotated' AND doc ->> 'supersededTokenId' IS NOT NULL
    UNION ALL
    SELECT global_index, ids.token_id, doc ->> 'reason', (doc ->> 'revokedAt')::timestamptz
    FROM revocation CROSS JOIN LATERAL jsonb_array_elements_text(doc -> 'tokenIds') AS ids(token_id)
    WHERE event_type = 'GrantRevoked'
), first_revocation AS (
    SELECT DISTINCT ON (token_id) reason, revoked_at FROM revoked ORDER BY token_id, global_index
)
SELECT reason::varchar(50) AS reason, (revoked_at AT TIME ZONE 'UTC')::date AS day, COUNT(*) AS revoked
FROM first_revocation
GROUP BY 1, 2;

-- Registered clients that can still authenticate, newest first.
CREATE VIEW active_clients AS
SELECT client_id, client_name, created_at
FROM clients
WHERE retired_at IS NULL;

-- The tokens the read table holds, by grant type and client, in the states introspection knows (TokenStatus).
CREATE VIEW token_statistics AS
SELECT t.grant_type, t.client_id,
       COUNT(*) AS total,
       COUNT(*) FILTER (WHERE t.revoked_at IS NULL AND c.retired_at IS NULL AND t.expires_at > NOW()) AS active,
       COUNT(*) FILTER (WHERE t.revoked_at IS NOT NULL) AS revoked,
       COUNT(*) FILTER (WHERE t.revoked_at IS NULL AND c.retired_at IS NOT NULL) AS client_retired,
       COUNT(*) FILTER (WHERE t.revoked_at IS NULL AND c.retired_at IS NULL AND t.expires_at <= NOW()) AS expired
FROM tokens t JOIN clients c ON c.client_id = t.client_id
GROUP BY t.grant_type, t.client_id;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        REVOKE SELECT ON clients, users FROM ledger_analyst;
        GRANT SELECT (client_id, client_name, redirect_uris, grant_types, scope, created_at, updated_at,
                      token_endpoint_auth_method, registered_by, retired_at) ON clients TO ledger_analyst;
        GRANT SELECT (user_id, username, provider, provider_user_id, created_at, updated_at) ON users
            TO ledger_analyst;
        GRANT SELECT ON active_clients, token_statistics TO ledger_analyst;
    END IF;
END
$$;
