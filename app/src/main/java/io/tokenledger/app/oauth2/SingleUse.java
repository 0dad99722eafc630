package io.tokenledger.app.oauth2;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * JWTs a client may present once (client assertions, DPoP proofs), remembered by their {@code jti} in PostgreSQL
 * until they could no longer be accepted, so a replay is refused by whichever node it reaches. Not part of the ledger.
 */
@Component
class SingleUse {

    /** What was used, and the table that remembers it. */
    enum Kind {
        CLIENT_ASSERTION("used_client_assertions"),
        DPOP_PROOF("used_dpop_proofs");

        private final String table;

        Kind(String table) {
            this.table = table;
        }
    }

    /** The {@code jti} columns' size: a longer one cannot have been used, and is refused before it is looked up. */
    static final int MAX_JTI = 255;
    private final JdbcTemplate jdbc;

    SingleUse(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the use, answering false when it was used before; the client's uses past {@code keepUntil} are deleted
     * in the same statement, through the index on expiry, so each table holds only what could still be replayed.
     */
    boolean firstUse(Kind kind, String clientId, String jti, Instant keepUntil) {
        return jdbc.update("""
                WITH pruned AS (DELETE FROM %1$s WHERE client_id = ? AND expires_at < now())
                INSERT INTO %1$s (client_id, jti, expires_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""".formatted(kind.table), clientId, clientId, jti,
                Timestamp.from(keepUntil)) == 1;
    }
}
