package io.tokenledger.projections.ledger;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Seals every event in the transaction that appends it, from the row as stored. A row that reaches the event
 * table any other way has no seal, and one altered afterwards no longer matches its seal.
 */
@Component
@ProcessingGroup(LedgerSealProjection.NAME)
public class LedgerSealProjection {

    public static final String NAME = "ledger_seal";

    private final JdbcTemplate jdbc;
    private final Seals seals;

    public LedgerSealProjection(JdbcTemplate jdbc, Seals seals) {
        this.jdbc = jdbc;
        this.seals = seals;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> event) {
        jdbc.query("SELECT " + Seals.EVENT_COLUMNS + " FROM domain_event_entry WHERE event_identifier = ?", row -> {
            jdbc.update("""
                    INSERT INTO ledger_seal (global_index, event_identifier, mac) VALUES (?, ?, ?)
                    ON CONFLICT (global_index) DO NOTHING""",
                    row.getLong("global_index"), row.getString("event_identifier"), seals.seal(row));
        }, event.getIdentifier());
    }
}
