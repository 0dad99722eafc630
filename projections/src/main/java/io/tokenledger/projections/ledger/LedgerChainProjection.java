package io.tokenledger.projections.ledger;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Links each sealed event into the hash chain, one at a time in the order this single-segment processor meets
 * them (an event whose transaction commits late is linked when it arrives). An event without a seal did not come
 * through the ledger and is left out: verification names it.
 */
@Component
@ProcessingGroup(LedgerChainProjection.NAME)
public class LedgerChainProjection {

    public static final String NAME = "ledger_chain";
    private static final Logger log = LoggerFactory.getLogger(LedgerChainProjection.class);

    private final JdbcTemplate jdbc;

    public LedgerChainProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> event) {
        // By event id, not tracking token: a late-committing event arrives with a token at a later position.
        List<Map<String, Object>> seal = jdbc.queryForList("""
                SELECT s.global_index, s.mac, EXISTS (SELECT 1 FROM ledger_chain c WHERE c.global_index = s.global_index)
                       AS chained
                FROM ledger_seal s WHERE s.event_identifier = ?""", event.getIdentifier());
        if (seal.isEmpty()) {
            log.error("event {} has no seal: it did not come through the ledger", event.getIdentifier());
            return;
        }
        if (Boolean.TRUE.equals(seal.get(0).get("chained"))) {
            return;
        }
        List<Map<String, Object>> head = jdbc.queryForList(
                "SELECT chain_seq, digest FROM ledger_chain ORDER BY chain_seq DESC LIMIT 1");
        long seq = head.isEmpty() ? 1 : (Long) head.get(0).get("chain_seq") + 1;
        byte[] previous = head.isEmpty() ? null : (byte[]) head.get(0).get("digest");
        jdbc.update("INSERT INTO ledger_chain (chain_seq, global_index, digest) VALUES (?, ?, ?)", seq,
                seal.get(0).get("global_index"), Seals.chain(previous, (byte[]) seal.get(0).get("mac")));
    }
}
