package io.tokenledger.projections.ledger;

import io.tokenledger.projections.Batched;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links each sealed event (its seal in its row, or in {@code ledger_seal} before V8) into the hash chain in the
 * order this single-segment processor meets them (an event whose transaction commits late is linked when it
 * arrives). An event without a seal did not come through the ledger and is left out: verification names it. A
 * batch of events is linked together: one read of their seals, one of the chain's head, one write.
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
        Batched.add(NAME, event.getIdentifier(), this::link);
    }

    private void link(List<String> eventIds) {
        // By event id, not tracking token: a late-committing event arrives with a token at a later position.
        Map<String, Seal> seals = new HashMap<>();
        jdbc.query("""
                SELECT e.event_identifier, e.global_index, e.seal, s.mac AS table_seal,
                       c.global_index IS NOT NULL AS chained
                FROM unnest(?::text[]) AS x (id)
                JOIN domain_event_entry e ON e.event_identifier = x.id
                LEFT JOIN ledger_seal s ON s.global_index = e.global_index
                LEFT JOIN ledger_chain c ON c.global_index = e.global_index""", row -> {
            byte[] seal = Seals.stored(row);
            if (seal != null) {
                seals.put(row.getString("event_identifier"),
                        new Seal(row.getLong("global_index"), seal, row.getBoolean("chained")));
            }
        }, (Object) eventIds.toArray(String[]::new));
        Head head = head();
        List<Object[]> links = new ArrayList<>();
        Set<Long> linked = new HashSet<>();
        for (String eventId : eventIds) {
            Seal seal = seals.get(eventId);
            if (seal == null) {
                log.error("event {} has no seal: it did not come through the ledger", eventId);
            } else if (!seal.chained() && linked.add(seal.globalIndex())) {
                head = head.next(seal);
                links.add(new Object[] {head.seq(), seal.globalIndex(), head.digest()});
            }
        }
        jdbc.batchUpdate("INSERT INTO ledger_chain (chain_seq, global_index, digest) VALUES (?, ?, ?)", links);
    }

    private Head head() {
        List<Head> head = jdbc.query("SELECT chain_seq, digest FROM ledger_chain ORDER BY chain_seq DESC LIMIT 1",
                (row, n) -> new Head(row.getLong("chain_seq"), row.getBytes("digest")));
        return head.isEmpty() ? new Head(0, null) : head.get(0);
    }

    private record Seal(long globalIndex, byte[] mac, boolean chained) {
    }

    private record Head(long seq, byte[] digest) {

        Head next(Seal seal) {
            return new Head(seq + 1, Seals.chain(digest, seal.mac()));
        }
    }
}
