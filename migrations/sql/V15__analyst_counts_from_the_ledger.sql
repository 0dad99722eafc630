-- V6's tokens_per_client_per_day and revocations_by_reason counted rows of tokens, which retention prunes (expired
-- tokens after 7 days): their counts for older days shrank as the table was pruned. They now count the events, in
-- audit_entry and the event rows, which are never pruned; their columns and meanings stay as they were.

DROP VIEW tokens_per_client_per_day;
DROP VIEW revocations_by_reason;

-- A token is issued by TokenIssued (client_credentials), AuthorizationCodeRedeemed or RefreshTokenRotated, the grant
-- types the tokens projection records for them.
CREATE VIEW tokens_per_client_per_day AS
SELECT client_id, DATE(occurred_at) AS day,
       (CASE event_type WHEN 'AuthorizationCodeRedeemed' THEN 'authorization_code'
                        WHEN 'RefreshTokenRotated' THEN 'refresh_token'
                        ELSE 'client_credentials' END)::varchar(50) AS grant_type,
       COUNT(*) AS issued
FROM audit_entry
WHERE event_type IN ('TokenIssued', 'AuthorizationCodeRedeemed', 'RefreshTokenRotated')
GROUP BY 1, 2, 3;

-- A token is revoked by the first event that revokes it, as in tokens: TokenRevoked; a retried refresh superseding
-- the unused successor (SUPERSEDED, at the retry); GrantRevoked, which names every token of the grant, those already
-- revoked included, so only a token's first revocation counts.
CREATE VIEW revocations_by_reason AS
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
SELECT reason::varchar(50) AS reason, DATE(revoked_at) AS day, COUNT(*) AS revoked
FROM first_revocation
GROUP BY 1, 2;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT ON tokens_per_client_per_day, revocations_by_reason TO ledger_analyst;
    END IF;
END
$$;
