-- RFC 8628 device authorization grant. device_authorizations is the read side of a device's request
-- (DeviceAuthorizationRequested, Approved, Denied, Expired, DeviceCodeRedeemed): the token endpoint finds a poll's
-- grant by the device code's hash, the verification page a request by the user code's hash. Only hashes are kept.
CREATE TABLE device_authorizations (
    grant_id          UUID          PRIMARY KEY,
    client_id         VARCHAR(255)  NOT NULL REFERENCES clients (client_id),
    device_code_hash  VARCHAR(71)   NOT NULL UNIQUE,
    user_code_hash    VARCHAR(76)   NOT NULL,
    scope             TEXT,
    status            VARCHAR(16)   NOT NULL,
    user_id           VARCHAR(255),
    requested_at      TIMESTAMPTZ   NOT NULL,
    expires_at        TIMESTAMPTZ   NOT NULL,
    decided_at        TIMESTAMPTZ
);
COMMENT ON COLUMN device_authorizations.status IS 'pending, approved, denied, expired or redeemed';
-- A user code names one pending request; once decided or expired it may be drawn again.
CREATE UNIQUE INDEX idx_device_authorizations_pending_user_code ON device_authorizations (user_code_hash)
    WHERE status = 'pending';

-- Tokens by grant type, now from the issuing event's own grantType for TokenIssued (client credentials and token
-- exchange) and with the device grant's first tokens.
CREATE OR REPLACE VIEW tokens_per_client_per_day AS
SELECT a.client_id, (a.occurred_at AT TIME ZONE 'UTC')::date AS day,
       (CASE a.event_type WHEN 'AuthorizationCodeRedeemed' THEN 'authorization_code'
                          WHEN 'RefreshTokenRotated' THEN 'refresh_token'
                          WHEN 'DeviceCodeRedeemed' THEN 'urn:ietf:params:oauth:grant-type:device_code'
                          ELSE (SELECT convert_from(e.payload, 'UTF8')::jsonb ->> 'grantType'
                                FROM domain_event_entry e WHERE e.global_index = a.global_index) END)::varchar(50)
           AS grant_type,
       COUNT(*) AS issued
FROM audit_entry a
WHERE a.event_type IN ('TokenIssued', 'AuthorizationCodeRedeemed', 'RefreshTokenRotated', 'DeviceCodeRedeemed')
GROUP BY 1, 2, 3;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_analyst') THEN
        GRANT SELECT (grant_id, client_id, scope, status, user_id, requested_at, expires_at, decided_at)
            ON device_authorizations TO ledger_analyst;
    END IF;
END
$$;
