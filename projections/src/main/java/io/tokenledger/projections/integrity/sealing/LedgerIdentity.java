package io.tokenledger.projections.integrity.sealing;

import org.springframework.jdbc.core.JdbcTemplate;

/** The ledger's own id (V17), which its anchors carry: anchors of another ledger are never taken for its own. */
public final class LedgerIdentity {

    private LedgerIdentity() {
    }

    public static String of(JdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT value FROM ledger_settings WHERE name = 'ledger_id'", String.class).stream()
                   .findFirst().orElse("(none: its id was removed)");
    }
}
