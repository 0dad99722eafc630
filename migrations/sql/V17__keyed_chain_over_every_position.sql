-- The hash chain becomes one that a database writer cannot recompute, and that accounts for every position.
--
-- Before: each link was SHA-256 of the previous digest, the position and the seal, in the order a processor met the
-- events. Every input was in the database, so whoever could write it could delete an event and recompute the links
-- after it; and a position the processor skipped (a far-ahead row pushed it past real events) was never linked.
-- From here on (docs/auditing.md): each link is HMAC-SHA256, under a key derived from LEDGER_SEAL_KEY, of the previous
-- digest and what the link says of a range of positions: an event (its position, stream, sequence and seal), an
-- unsealed row found there, or that the range holds no event. Links follow positions, 1, 2, 3 ... with no hole.

-- The old links stay for the record; nothing extends or verifies them any more. The new chain links every event
-- from position 1 again, as the rows stand at the first start after this migration (as V5 sealed them).
DROP VIEW ledger_chain_link;
ALTER TABLE ledger_chain RENAME TO ledger_chain_unkeyed;
ALTER TABLE ledger_chain_unkeyed RENAME CONSTRAINT ledger_chain_pkey TO ledger_chain_unkeyed_pkey;
ALTER INDEX idx_ledger_chain_covers RENAME TO idx_ledger_chain_unkeyed_covers;
DELETE FROM ledger_settings WHERE name = 'chain_binds_positions_from';
DELETE FROM token_entry WHERE processor_name = 'ledger_chain';
COMMENT ON TABLE ledger_chain_unkeyed IS 'the unkeyed hash chain of V5-V16, kept for the record: see V17';

-- Which of LEDGER_SEAL_KEY's keys sealed the row (key rotation); NULL is key 0, the only one before V17.
ALTER TABLE domain_event_entry ADD COLUMN seal_key_id VARCHAR(32);

-- A row holds the links of positions first_position .. last_position, in order, each link one byte of kinds:
-- 'E' an event, 'U' an unsealed row (recorded, so its later removal cannot hide it), '0' no event in a range of
-- positions, which ends at the next entry of empty_ends. tags holds the first 8 bytes of each link's digest, digest
-- the whole of the last one's; public_digest the last of the SHA-256 chain over the same links with the events'
-- contents, which anchors carry so that an export can be checked without the key. key_id names the link key.
CREATE TABLE ledger_chain (
    last_position  BIGINT      PRIMARY KEY,
    first_position BIGINT      NOT NULL UNIQUE,
    kinds          BYTEA       NOT NULL,
    empty_ends     BIGINT[]    NOT NULL,
    tags           BYTEA       NOT NULL,
    digest         BYTEA       NOT NULL,
    public_digest  BYTEA       NOT NULL,
    key_id         VARCHAR(32) NOT NULL,
    chained_at     TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT ledger_chain_shape CHECK (first_position <= last_position AND length(kinds) > 0
        AND length(tags) = 8 * length(kinds) AND length(digest) = 32 AND length(public_digest) = 32)
);
COMMENT ON TABLE ledger_chain IS
    'the keyed hash chain over every position of the ledger, a batch of links per row: see docs/auditing.md';

-- The chain a link to a row, for auditors' SQL: the positions each link covers, its kind and tag.
CREATE VIEW ledger_chain_link AS
WITH RECURSIVE walk (last_position, n, kind, from_position, to_position, empties, tag, chained_at) AS (
    SELECT c.last_position, 1, get_byte(c.kinds, 0), c.first_position,
           CASE WHEN get_byte(c.kinds, 0) = 48 THEN c.empty_ends[1] ELSE c.first_position END,
           CASE WHEN get_byte(c.kinds, 0) = 48 THEN 1 ELSE 0 END, substring(c.tags FROM 1 FOR 8), c.chained_at
    FROM ledger_chain c
    UNION ALL
    SELECT w.last_position, w.n + 1, get_byte(c.kinds, w.n), w.to_position + 1,
           CASE WHEN get_byte(c.kinds, w.n) = 48 THEN c.empty_ends[w.empties + 1] ELSE w.to_position + 1 END,
           w.empties + CASE WHEN get_byte(c.kinds, w.n) = 48 THEN 1 ELSE 0 END,
           substring(c.tags FROM w.n * 8 + 1 FOR 8), w.chained_at
    FROM walk w JOIN ledger_chain c ON c.last_position = w.last_position
    WHERE w.n < length(c.kinds)
)
SELECT chr(kind) AS kind, from_position, to_position,
       CASE WHEN kind = 48 THEN NULL ELSE from_position END AS global_index, tag, chained_at, last_position
FROM walk;

-- The highest position the ledger has handed out. A row above it did not come through the ledger: the chain never
-- links one and processors are never given one, so a far-ahead row cannot push them past real events. PL/pgSQL, so
-- that it is not inlined: a query compares with it once, not once a row.
CREATE FUNCTION ledger_position_bound() RETURNS BIGINT
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
    RETURN coalesce(pg_sequence_last_value(pg_get_serial_sequence('domain_event_entry', 'global_index')::regclass), 0);
END
$$;

-- The ledger's id, which its anchors carry: anchors of another ledger in the same directory are named, not trusted.
INSERT INTO ledger_settings (name, value) VALUES ('ledger_id', gen_random_uuid()::text);
