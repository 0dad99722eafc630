-- Tamper evidence for the event table.
--
-- ledger_seal: one keyed MAC (HMAC-SHA256) per event, over the event row's canonical bytes, written in the same
-- transaction as the event. A row altered, or inserted, by anyone without the server's seal key does not match.
-- ledger_chain: a hash chain over the seals in the order the chain processor met them; each digest commits to
-- the one before, so the head digest commits to the whole history. Export it, sign it, and verify against it later.

CREATE TABLE ledger_seal (
    global_index     BIGINT       PRIMARY KEY,
    event_identifier VARCHAR(255) NOT NULL UNIQUE,
    mac              BYTEA        NOT NULL
);

CREATE TABLE ledger_chain (
    chain_seq    BIGINT      PRIMARY KEY,
    global_index BIGINT      NOT NULL UNIQUE,
    digest       BYTEA       NOT NULL,
    chained_at   TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- Server settings that must outlive a restart, such as a generated seal key when none is configured.
CREATE TABLE ledger_settings (
    name  VARCHAR(100) PRIMARY KEY,
    value TEXT         NOT NULL
);

-- Events appended before tamper evidence existed are sealed once, at the first start after this migration, from
-- the rows as they are then (trust on first use). Anything inserted later without a seal stays detectable.
INSERT INTO ledger_settings (name, value)
SELECT 'unsealed_before', (COALESCE(max(global_index), 0) + 1)::text FROM domain_event_entry;
