package io.tokenledger.projections.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Recomputes every seal from the stored event rows and every link of the chain, page by page in chain order,
 * and names the first event that does not match: its seal, its link's tag, or the full digest its row keeps. Then
 * it looks at what the chain does not hold yet: events without a seal (inserted outside the ledger),
 * {@code ledger_seal} rows without an event (deleted), and the seals of events not linked yet.
 */
@Component
public class LedgerVerifier {

    /** Rows of the chain per page: up to 1,000 links each (V13). */
    private static final int PAGE_ROWS = 20;
    private static final String CHAIN_PAGE = """
            SELECT l.last_seq, l.chain_seq, l.global_index AS chained_position, l.tag AS chain_tag,
                   l.digest AS chain_digest, s.mac AS table_seal, e.global_index IS NOT NULL AS present, %s
            FROM ledger_chain_link l
            LEFT JOIN ledger_seal s ON s.global_index = l.global_index
            LEFT JOIN domain_event_entry e ON e.global_index = l.global_index
            WHERE l.last_seq IN (SELECT last_seq FROM ledger_chain WHERE last_seq > ? ORDER BY last_seq LIMIT %d)
              AND l.chain_seq <= ?
            ORDER BY l.chain_seq"""
            .formatted(qualified(), PAGE_ROWS);

    private final JdbcTemplate jdbc;
    private final Seals seals;

    public LedgerVerifier(JdbcTemplate jdbc, Seals seals) {
        this.jdbc = jdbc;
        this.seals = seals;
    }

    /** The whole ledger. */
    public Verification verify() {
        return verify(Long.MAX_VALUE, null);
    }

    /**
     * The chain up to {@code chainLength}, which must end in {@code expectedDigest} (hex) when given: proof that
     * the history an auditor exported then has not been rewritten since.
     */
    public Verification verify(long chainLength, String expectedDigest) {
        Walk walk = new Walk(ChainRule.of(jdbc));
        long after = -1;
        while (walk.problem == null && walk.row > after) {
            after = walk.row;
            jdbc.query(CHAIN_PAGE, (RowCallbackHandler) walk::step, after, chainLength);
        }
        if (walk.problem == null && expectedDigest != null && !expectedDigest.equalsIgnoreCase(hex(walk.digest))) {
            walk.fail("CHAIN_BROKEN", walk.position, "the chain no longer ends in the exported head digest");
        }
        if (walk.problem == null && chainLength == Long.MAX_VALUE) {
            outsideTheChain(walk);
        }
        return walk.result(pending());
    }

    private void outsideTheChain(Walk walk) {
        Long unsealed = jdbc.queryForObject("""
                SELECT min(e.global_index) FROM domain_event_entry e
                WHERE e.seal IS NULL
                  AND NOT EXISTS (SELECT 1 FROM ledger_seal s WHERE s.global_index = e.global_index)""",
                Long.class);
        if (unsealed != null) {
            walk.fail("INSERTED", unsealed, "event has no seal: it did not come through the ledger");
            return;
        }
        Long orphaned = jdbc.queryForObject("""
                SELECT min(s.global_index) FROM ledger_seal s
                WHERE NOT EXISTS (SELECT 1 FROM domain_event_entry e WHERE e.global_index = s.global_index)""",
                Long.class);
        if (orphaned != null) {
            walk.fail("DELETED", orphaned, "sealed event is missing from the event table");
            return;
        }
        jdbc.query("SELECT s.mac AS table_seal, " + qualified() + """
                 FROM domain_event_entry e LEFT JOIN ledger_seal s ON s.global_index = e.global_index
                WHERE NOT EXISTS (SELECT 1 FROM ledger_chain_link c WHERE c.global_index = e.global_index)
                ORDER BY e.global_index""", rs -> {
            if (walk.problem == null && !Arrays.equals(seals.expected(rs), Seals.stored(rs))) {
                walk.fail("ALTERED", rs.getLong("global_index"), "event row does not match its seal");
            }
        });
    }

    private long pending() {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry e
                WHERE NOT EXISTS (SELECT 1 FROM ledger_chain_link c WHERE c.global_index = e.global_index)""",
                Long.class);
    }

    private static String qualified() {
        return Arrays.stream(Seals.EVENT_COLUMNS.split(","))
                     .map(String::trim).map(c -> "e." + c).reduce((a, b) -> a + ", " + b).orElseThrow();
    }

    /** The link's tag, and the full digest where its row keeps one, are what the recomputed digest gives. */
    private static boolean follows(byte[] recomputed, ResultSet rs) throws SQLException {
        byte[] stored = rs.getBytes("chain_digest");
        return Arrays.equals(Seals.tag(recomputed), rs.getBytes("chain_tag"))
                && (stored == null || Arrays.equals(recomputed, stored));
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    /** Walks the chain, carrying the previous digest. */
    private final class Walk {

        private final ChainRule rule;
        private long row;
        private long length;
        private Long position;
        private byte[] digest;
        private String problem;
        private Long problemPosition;
        private String detail;

        Walk(ChainRule rule) {
            this.rule = rule;
        }

        void step(ResultSet rs) throws SQLException {
            row = rs.getLong("last_seq");
            if (problem != null) {
                return;
            }
            long chained = rs.getLong("chained_position");
            byte[] storedSeal = Seals.stored(rs);
            if (!rs.getBoolean("present") || storedSeal == null) {
                fail("DELETED", chained, rs.getBoolean("present") ? "the seal of a chained event is missing"
                        : "chained event is missing from the event table");
            } else if (!Arrays.equals(seals.expected(rs), storedSeal)) {
                fail("ALTERED", chained, "event row does not match its seal");
            } else {
                link(rs, chained, rule.digest(digest, rs.getLong("chain_seq"), chained, storedSeal));
            }
        }

        private void link(ResultSet rs, long chained, byte[] next) throws SQLException {
            if (!follows(next, rs)) {
                fail("CHAIN_BROKEN", chained, "chain link does not follow from the one before");
            } else {
                digest = next;
                length = rs.getLong("chain_seq");
                position = chained;
            }
        }


        void fail(String status, Long at, String why) {
            problem = status;
            problemPosition = at;
            detail = why;
        }

        Verification result(long pending) {
            return new Verification(problem == null ? "OK" : problem, problemPosition, detail, length, position,
                    hex(digest), pending);
        }
    }
}
