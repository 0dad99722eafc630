package io.tokenledger.projections.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * How a link's digest is made. Links from {@code bindsPositionsFrom} on (migration V13 records where they start) hash
 * the event's position in with the previous digest and the event's seal: a seal does not cover the position, so
 * without it two events moved between positions, their links moved alike, would still follow. Links made before
 * hash the previous digest and the seal only, and are verified as they were made.
 */
public record ChainRule(long bindsPositionsFrom) {

    /** The rule of the ledger the template reaches. */
    public static ChainRule of(JdbcTemplate jdbc) {
        List<String> from = jdbc.queryForList(
                "SELECT value FROM ledger_settings WHERE name = 'chain_binds_positions_from'", String.class);
        return new ChainRule(from.isEmpty() ? 1 : Long.parseLong(from.get(0)));
    }

    /** The digest of link {@code seq}, which links the event at {@code position} with {@code seal}. */
    public byte[] digest(byte[] previous, long seq, long position, byte[] seal) {
        return seq < bindsPositionsFrom ? Seals.chain(previous, seal) : Seals.chain(previous, position, seal);
    }
}
