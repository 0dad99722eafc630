package io.tokenledger.projections.integrity.verification;

import io.tokenledger.projections.integrity.sealing.Anchor;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.AnchorStore;
import io.tokenledger.projections.integrity.sealing.ChainHead;
import io.tokenledger.projections.integrity.sealing.ChainRow;
import io.tokenledger.projections.integrity.sealing.LedgerIdentity;
import io.tokenledger.projections.integrity.sealing.RewriteStatement;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.sealing.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * Verifies the ledger in the database: recomputes every seal and every link of the chain from the stored rows, page
 * by page in position order ({@link ChainWalk}), compares the chain with every signed anchor (and with a head an
 * auditor exported), then looks at what the chain does not hold yet, the streams' sequences and the processors'
 * positions, and names the first problem.
 */
public class LedgerVerifier {

    private static final int PAGE_ROWS = 20;
    /** Seconds: Spring has no "none" once a default timeout is set, only a default or a bound. */
    private static final int AS_LONG_AS_IT_TAKES = Integer.MAX_VALUE;

    private final JdbcTemplate jdbc;
    private final Seals seals;
    private final AnchorStore anchors;
    private final AnchorSigner signer;
    private final Clock clock;
    private final Duration stallAfter;
    private final TransactionTemplate snapshot;

    /**
     * @param stallAfter how long an event may wait for the chain before verification says {@code STALLED}: more than
     *                   the chain's gap timeout, which a linked event may legitimately wait behind
     */
    public LedgerVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, Seals seals, AnchorStore anchors,
                          AnchorSigner signer, Clock clock, Duration stallAfter) {
        this.jdbc = jdbc;
        this.seals = seals;
        this.anchors = anchors;
        this.signer = signer;
        this.clock = clock;
        this.stallAfter = stallAfter;
        this.snapshot = snapshot(transactions);
    }

    /**
     * One read-only, repeatable-read snapshot of the database for what runs in it: a verification, an export. It lasts
     * as long as the walk (~2 minutes for 10M events), so it is not held to the transactions' default timeout, which
     * bounds a request's (10 s in the server): that cut every walk of a million events or more short.
     */
    static TransactionTemplate snapshot(PlatformTransactionManager transactions) {
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.setTimeout(AS_LONG_AS_IT_TAKES);
        return snapshot;
    }

    /** The whole ledger, against every anchor. */
    public Verification verify() {
        return verify(null, null);
    }

    /**
     * The whole ledger, against every anchor and, when given, a head an auditor exported earlier: the chain must
     * still reach {@code headPosition} with the keyed digest {@code headDigest} (hex).
     */
    public Verification verify(Long headPosition, String headDigest) {
        return verify(headPosition, headDigest, position -> { });
    }

    /**
     * As {@link #verify(Long, String)}, telling {@code progress} the last position walked after each page. The walk
     * reads one snapshot of the database, so rows rewritten while it runs (by {@code encrypt-personal-data}) are seen
     * with their statements or not at all.
     */
    public Verification verify(Long headPosition, String headDigest, LongConsumer progress) {
        return snapshot.execute(tx -> walk(headPosition, headDigest, progress));
    }

    private Verification walk(Long headPosition, String headDigest, LongConsumer progress) {
        List<Anchor> anchored = anchors.all();
        ChainWalk walk = new ChainWalk(seals, clock, stallAfter);
        String ledgerId = LedgerIdentity.of(jdbc);
        walk.anchors(anchored, ledgerId, signer);
        walk.rewrites(rewriteStatements(jdbc), ledgerId, signer);
        if (headPosition != null) {
            walk.expect(headPosition, headDigest);
        }
        long after = 0;
        while (!walk.failed()) {
            List<ChainRow> page = jdbc.query("SELECT " + ChainRow.COLUMNS + " FROM ledger_chain WHERE last_position > ?"
                    + " ORDER BY last_position LIMIT " + PAGE_ROWS, (rs, n) -> ChainRow.of(rs), after);
            page.forEach(row -> walk.row(row, events(row)));
            if (page.size() < PAGE_ROWS) {
                break;
            }
            after = page.get(page.size() - 1).lastPosition();
            progress.accept(after);
        }
        walk.unreached();
        outsideTheChain(walk);
        walk.statementsFound();
        return walk.result(pending(walk.head().position()),
                anchored.isEmpty() ? null : anchored.get(anchored.size() - 1));
    }

    /** The newest position in the event table: how far a verification started now will walk. */
    public long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    /**
     * The cheap part, for health: a row above the positions the ledger handed out, a processor past the event
     * table's head, an event that has waited for the chain too long. Nothing is recomputed.
     */
    public Verification watch(ChainHead head) {
        ChainWalk walk = new ChainWalk(seals, clock, stallAfter);
        beyondTheBound(walk);
        jdbc.query("SELECT global_index, time_stamp FROM domain_event_entry WHERE global_index > ? "
                + "ORDER BY global_index LIMIT 1", rs -> {
            walk.waited(rs.getLong("global_index"), rs.getString("time_stamp"));
        }, head.position());
        processors(walk);
        Verification watched = walk.result(0, null);
        return new Verification(watched.status(), watched.position(), watched.detail(), 0, head.position(),
                head.digest(), head.publicDigest(), 0, null);
    }

    /** The statements of rows the ledger rewrote in place, by position (found by V41's index of them). */
    static List<StoredEvent> rewriteStatements(JdbcTemplate jdbc) {
        return jdbc.query(StoredEvent.SELECT + " WHERE e.payload_type = ? ORDER BY e.global_index",
                (rs, n) -> StoredEvent.of(rs), RewriteStatement.PAYLOAD_TYPE);
    }

    private NavigableMap<Long, StoredEvent> events(ChainRow row) {
        NavigableMap<Long, StoredEvent> events = new TreeMap<>();
        jdbc.query(StoredEvent.SELECT + " WHERE e.global_index BETWEEN ? AND ?", rs -> {
            events.put(rs.getLong("global_index"), StoredEvent.of(rs));
        }, row.firstPosition(), row.lastPosition());
        return events;
    }

    private void beyondTheBound(ChainWalk walk) {
        Long beyond = jdbc.queryForObject(
                "SELECT min(global_index) FROM domain_event_entry WHERE global_index > ledger_position_bound()",
                Long.class);
        if (beyond != null) {
            walk.beyondTheBound(beyond);
        }
    }

    private void outsideTheChain(ChainWalk walk) {
        if (walk.failed()) {
            return;
        }
        beyondTheBound(walk);
        jdbc.query(StoredEvent.SELECT + " WHERE e.global_index > ? ORDER BY e.global_index", rs -> {
            walk.unlinked(StoredEvent.of(rs));
        }, walk.head().position());
        jdbc.query("""
                SELECT min(global_index) AS position, aggregate_identifier FROM domain_event_entry
                GROUP BY aggregate_identifier
                HAVING min(sequence_number) <> 0 OR max(sequence_number) + 1 <> count(*)
                ORDER BY 1 LIMIT 1""", rs -> {
            walk.sequenceGap(rs.getLong("position"), rs.getString("aggregate_identifier"));
        });
        processors(walk);
    }

    private void processors(ChainWalk walk) {
        walk.processors(ProcessorPositions.of(jdbc), head());
    }

    private long pending(long head) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index > ?", Long.class, head);
    }
}
