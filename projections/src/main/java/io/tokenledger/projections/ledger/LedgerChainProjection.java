package io.tokenledger.projections.ledger;

import io.tokenledger.projections.Batched;
import io.tokenledger.projections.EventKey;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;

/**
 * Links each sealed event (its seal in its row, or in {@code ledger_seal} before V8) into the hash chain in the
 * order this single-segment processor meets them (an event whose transaction commits late is linked when it
 * arrives). An event without a seal did not come through the ledger and is left out: verification names it. A
 * batch of events is linked together: one read of their seals, one of the chain's head, and one row holding the
 * batch's links (V13): each event's position and the tag of its link's digest, and the last link's full digest.
 */
@Component
@ProcessingGroup(LedgerChainProjection.NAME)
public class LedgerChainProjection {

    public static final String NAME = "ledger_chain";
    private static final Logger log = LoggerFactory.getLogger(LedgerChainProjection.class);

    private final JdbcTemplate jdbc;
    /** Read at the first batch, not at construction: the schema may not be migrated yet when beans are made. */
    private volatile ChainRule rule;

    public LedgerChainProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> event) {
        Batched.add(NAME, EventKey.of(event), this::link);
    }

    private void link(List<EventKey> events) {
        Map<EventKey, Seal> seals = seals(events);
        Set<Long> linked = chained(seals.values());
        Head head = head();
        Links links = new Links();
        for (EventKey event : events) {
            Seal seal = seals.get(event);
            if (seal == null) {
                log.error("event {} #{} has no seal: it did not come through the ledger", event.aggregateIdentifier(),
                        event.sequenceNumber());
            } else if (linked.add(seal.globalIndex())) {
                head = head.next(rule(), seal);
                links.add(seal.globalIndex(), head.digest());
            }
        }
        if (!links.positions.isEmpty()) {
            LongSummaryStatistics covers = range(links.positions);
            jdbc.update("""
                    INSERT INTO ledger_chain (last_seq, positions, tags, digest, covers)
                    VALUES (?, ?::bigint[], ?, ?, int8range(?, ?, '[]'))""", head.seq(),
                    links.positions.toArray(Long[]::new), links.tags.toByteArray(), head.digest(), covers.getMin(),
                    covers.getMax());
        }
    }

    // By the event's key, not its tracking token: a late-committing event arrives with a token at a later position.
    private Map<EventKey, Seal> seals(List<EventKey> events) {
        Map<EventKey, Seal> seals = new HashMap<>();
        jdbc.query("""
                SELECT x.agg, x.seq, e.global_index, e.seal, s.mac AS table_seal
                FROM unnest(?::text[], ?::bigint[]) AS x (agg, seq)
                JOIN domain_event_entry e ON e.aggregate_identifier = x.agg AND e.sequence_number = x.seq
                LEFT JOIN ledger_seal s ON s.global_index = e.global_index""", row -> {
            byte[] seal = Seals.stored(row);
            if (seal != null) {
                seals.put(new EventKey(row.getString("agg"), row.getLong("seq")),
                        new Seal(row.getLong("global_index"), seal));
            }
        }, events.stream().map(EventKey::aggregateIdentifier).toArray(String[]::new),
                events.stream().map(EventKey::sequenceNumber).toArray(Long[]::new));
        return seals;
    }

    /** Which of these events a link holds already (a redelivery, or a processor reset): by the rows' ranges. */
    private Set<Long> chained(Iterable<Seal> seals) {
        List<Long> positions = new ArrayList<>();
        seals.forEach(seal -> positions.add(seal.globalIndex()));
        if (positions.isEmpty()) {
            return new HashSet<>();
        }
        LongSummaryStatistics covers = range(positions);
        return new HashSet<>(jdbc.queryForList("""
                SELECT p FROM ledger_chain c CROSS JOIN unnest(c.positions) AS p
                WHERE c.covers && int8range(?, ?, '[]') AND p = ANY (?::bigint[])""", Long.class,
                covers.getMin(), covers.getMax(), positions.toArray(Long[]::new)));
    }

    private static LongSummaryStatistics range(List<Long> positions) {
        return positions.stream().mapToLong(Long::longValue).summaryStatistics();
    }

    private ChainRule rule() {
        if (rule == null) {
            rule = ChainRule.of(jdbc);
        }
        return rule;
    }

    private Head head() {
        List<Head> head = jdbc.query("SELECT last_seq, digest FROM ledger_chain ORDER BY last_seq DESC LIMIT 1",
                (row, n) -> new Head(row.getLong("last_seq"), row.getBytes("digest")));
        return head.isEmpty() ? new Head(0, null) : head.get(0);
    }

    private record Seal(long globalIndex, byte[] mac) {
    }

    private record Head(long seq, byte[] digest) {

        Head next(ChainRule rule, Seal seal) {
            return new Head(seq + 1, rule.digest(digest, seq + 1, seal.globalIndex(), seal.mac()));
        }
    }

    /** One row's links: positions in chain order, and their tags end to end. */
    private static final class Links {

        private final List<Long> positions = new ArrayList<>();
        private final ByteArrayOutputStream tags = new ByteArrayOutputStream();

        void add(long position, byte[] digest) {
            positions.add(position);
            tags.writeBytes(Seals.tag(digest));
        }
    }
}
