-- The hash chain keeps one link per event, but a row per batch of links instead of a row per link (~143 bytes per
-- event with its two keys, docs/performance.md). A row holds the links last_seq - cardinality(positions) + 1 ..
-- last_seq: the events' positions in chain order; each link's tag, the first 8 bytes of its digest, end to end; and
-- the full digest of its last link. A link's digest is SHA-256(previous digest || the event's seal), its position
-- hashed in too from this migration on (below), and verification recomputes every one from the seals. A tag names
-- the first link that does not follow; the row's digest, like a head an auditor exported before or after this
-- migration, is checked in full.
-- covers is the range of the row's positions: a GiST index finds the rows that may hold a given event.
CREATE TABLE ledger_chain_links (
    last_seq   BIGINT      PRIMARY KEY,
    positions  BIGINT[]    NOT NULL,
    tags       BYTEA       NOT NULL,
    digest     BYTEA       NOT NULL,
    covers     INT8RANGE   NOT NULL,
    chained_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    CONSTRAINT ledger_chain_links_tag_per_position
        CHECK (cardinality(positions) > 0 AND length(tags) = 8 * cardinality(positions) AND length(digest) = 32)
);

-- The links made so far, regrouped 1,000 to a row in their order; positions and digests are copied, not recomputed.
INSERT INTO ledger_chain_links (last_seq, positions, tags, digest, covers, chained_at)
SELECT max(chain_seq), array_agg(global_index ORDER BY chain_seq),
       string_agg(substring(digest FROM 1 FOR 8), ''::bytea ORDER BY chain_seq),
       (array_agg(digest ORDER BY chain_seq DESC))[1],
       int8range(min(global_index), max(global_index), '[]'), min(chained_at)
FROM ledger_chain
GROUP BY (chain_seq - 1) / 1000;

-- Links from here on hash the event's position in with the previous digest and the seal (ChainRule): the seal does
-- not cover the position, so before, two events moved between positions, their links moved alike, still followed. The
-- links made so far are verified as they were made.
INSERT INTO ledger_settings (name, value)
SELECT 'chain_binds_positions_from', (COALESCE(max(chain_seq), 0) + 1)::text FROM ledger_chain;

DROP TABLE ledger_chain;
ALTER TABLE ledger_chain_links RENAME TO ledger_chain;
ALTER TABLE ledger_chain RENAME CONSTRAINT ledger_chain_links_pkey TO ledger_chain_pkey;
ALTER TABLE ledger_chain RENAME CONSTRAINT ledger_chain_links_tag_per_position TO ledger_chain_tag_per_position;
CREATE INDEX idx_ledger_chain_covers ON ledger_chain USING gist (covers);
COMMENT ON TABLE ledger_chain IS
    'the hash chain over the events, one link per event, a batch of links per row: see docs/architecture.md';

-- The chain a link to a row: for auditors' SQL, for verification, and for finding what the chain does not link.
-- digest is the full digest where the row keeps it (its last link), tag the first 8 bytes of every link's; last_seq
-- names the row, whose key pages through the chain.
CREATE VIEW ledger_chain_link AS
SELECT c.last_seq - cardinality(c.positions) + l.n                    AS chain_seq,
       l.position                                                   AS global_index,
       substring(c.tags FROM (l.n::int - 1) * 8 + 1 FOR 8)          AS tag,
       CASE WHEN l.n = cardinality(c.positions) THEN c.digest END   AS digest,
       c.chained_at,
       c.last_seq
FROM ledger_chain c CROSS JOIN unnest(c.positions) WITH ORDINALITY AS l (position, n);
