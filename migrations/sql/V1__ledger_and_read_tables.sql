-- Token Ledger: the event store (Axon's JDBC tables, snake_case) and the read tables.
--
-- The event store is the source of truth. Every other table below is a projection
-- of it and can be rebuilt from it.

-- ---------------------------------------------------------------------------
-- Axon event store. Payloads are UTF-8 JSON in BYTEA (Axon's JDBC engine binds
-- byte[]); read them with convert_from(payload, 'UTF8')::jsonb.
-- ---------------------------------------------------------------------------
CREATE TABLE domain_event_entry (
    global_index         BIGSERIAL    NOT NULL PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    -- Optimistic locking: two writers of one aggregate cannot both append the same sequence number.
    CONSTRAINT domain_event_entry_aggregate_sequence_key UNIQUE (aggregate_identifier, sequence_number)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

-- Tracking tokens of the asynchronous event processors; segment claims share work between nodes.
CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- ---------------------------------------------------------------------------
-- Read tables: the seed schema's columns, names and meanings, plus added columns.
-- Every secret column holds a hash ("sha256:<hex>" or a bcrypt hash), never the secret.
-- Timestamps are TIMESTAMPTZ so NOW() comparisons are right in any session time zone.
-- ---------------------------------------------------------------------------
CREATE TABLE clients (
    client_id                  VARCHAR(255)  PRIMARY KEY,
    client_secret              VARCHAR(255)  NOT NULL,
    client_name                VARCHAR(255)  NOT NULL,
    redirect_uris              TEXT[]        NOT NULL,
    grant_types                TEXT[]        NOT NULL,
    scope                      VARCHAR(1000),
    created_at                 TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    updated_at                 TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    token_endpoint_auth_method VARCHAR(50)   NOT NULL,
    registered_by              VARCHAR(255),
    retired_at                 TIMESTAMPTZ
);
COMMENT ON COLUMN clients.client_secret IS 'hash of the client secret, never the secret';
CREATE INDEX idx_clients_created_at ON clients (created_at DESC);

CREATE TABLE tokens (
    token_id          UUID          PRIMARY KEY,
    client_id         VARCHAR(255)  REFERENCES clients (client_id),
    user_id           VARCHAR(255),
    token_type        VARCHAR(50)   NOT NULL,
    access_token      TEXT          NOT NULL,
    refresh_token     TEXT,
    scope             VARCHAR(1000),
    expires_at        TIMESTAMPTZ   NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    revoked_at        TIMESTAMPTZ,
    grant_type        VARCHAR(50)   NOT NULL,
    revocation_reason VARCHAR(50),
    revoked_by        VARCHAR(255)
);
COMMENT ON COLUMN tokens.access_token IS 'SHA-256 hash of the access token, never the token';
COMMENT ON COLUMN tokens.refresh_token IS 'SHA-256 hash of the refresh token, never the token';
CREATE UNIQUE INDEX idx_tokens_access_token ON tokens (access_token);
CREATE UNIQUE INDEX idx_tokens_refresh_token ON tokens (refresh_token);
CREATE INDEX idx_tokens_client_id ON tokens (client_id);
CREATE INDEX idx_tokens_expires_at ON tokens (expires_at);
-- "Check Active Tokens": WHERE revoked_at IS NULL ORDER BY created_at DESC LIMIT 100
CREATE INDEX idx_tokens_active_created_at ON tokens (created_at DESC) WHERE revoked_at IS NULL;

CREATE TABLE authorization_codes (
    code                  VARCHAR(255)  PRIMARY KEY,
    client_id             VARCHAR(255)  REFERENCES clients (client_id),
    user_id               VARCHAR(255)  NOT NULL,
    redirect_uri          VARCHAR(1000) NOT NULL,
    scope                 VARCHAR(1000),
    code_challenge        VARCHAR(255),
    code_challenge_method VARCHAR(10),
    expires_at            TIMESTAMPTZ   NOT NULL,
    created_at            TIMESTAMPTZ   NOT NULL DEFAULT NOW(),
    used_at               TIMESTAMPTZ
);
COMMENT ON COLUMN authorization_codes.code IS 'SHA-256 hash of the authorization code, never the code';
-- "Recent Authorization Codes" and the hourly cleanup filter on created_at.
CREATE INDEX idx_authorization_codes_created_at ON authorization_codes (created_at DESC);

CREATE TABLE users (
    user_id          VARCHAR(255) PRIMARY KEY,
    username         VARCHAR(255) UNIQUE NOT NULL,
    email            VARCHAR(255) UNIQUE NOT NULL,
    password_hash    VARCHAR(255),
    provider         VARCHAR(50),
    provider_user_id VARCHAR(255),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT NOW(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT NOW()
);
-- "User Registration Stats" filters on created_at.
CREATE INDEX idx_users_created_at ON users (created_at);

-- One row per event in the ledger, in ledger order. Details never hold a secret or a secret's hash.
CREATE TABLE audit_log (
    global_index    BIGINT       PRIMARY KEY,
    event_id        VARCHAR(255) NOT NULL UNIQUE,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    event_type      VARCHAR(255) NOT NULL,
    aggregate_type  VARCHAR(255),
    aggregate_id    VARCHAR(255) NOT NULL,
    sequence_number BIGINT,
    client_id       VARCHAR(255),
    user_id         VARCHAR(255),
    token_id        UUID,
    actor           VARCHAR(300),
    details         JSONB        NOT NULL
);
CREATE INDEX idx_audit_log_occurred_at ON audit_log (occurred_at);
CREATE INDEX idx_audit_log_client_id ON audit_log (client_id, global_index);
CREATE INDEX idx_audit_log_token_id ON audit_log (token_id, global_index);
CREATE INDEX idx_audit_log_event_type ON audit_log (event_type, global_index);
