package io.tokenledger.projections.integrity.sealing;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.Mac;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Links the event table into the keyed chain in position order, accounting for every position: an event, an unsealed
 * row (recorded as such), or a range that holds no event. A position still empty while a later one holds an event is
 * a transaction that has not committed yet, or never will; once the gap timeout (longer than the commit deadline of
 * migration V7, past which no transaction can commit an event) has passed since the later event was appended, it is
 * linked as empty, and a row that appears there later is named by verification. Old gaps, as in a ledger linked afresh
 * after an upgrade, are so linked at once. Rows past the position sequence's head cannot have come
 * through the ledger and are never linked (nor delivered to a processor: {@link BoundedReads}).
 * <p>
 * One node links at a time: each batch is a transaction that first takes a PostgreSQL advisory lock.
 */
public class LedgerChainer {

    /** The chain's name where projections are listed. */
    public static final String NAME = "ledger_chain";
    static final int BATCH = 1000;
    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('ledger_chain'))";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Seals seals;
    private final Clock clock;
    private final Duration gapTimeout;
    private volatile Gap gap;

    public LedgerChainer(JdbcTemplate jdbc, TransactionTemplate transactions, Seals seals, Clock clock,
                         Duration gapTimeout) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.seals = seals;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
    }

    /**
     * Links one batch as far as the event table allows. Answers the chain's head after it, committed; empty when
     * another node is linking.
     */
    public Optional<ChainHead> linkBatch() {
        return transactions.execute(status -> Boolean.TRUE.equals(jdbc.queryForObject(LOCK, Boolean.class))
                ? Optional.of(link(head())) : Optional.empty());
    }

    /** The chain's head as committed. */
    public ChainHead head() {
        List<ChainHead> head = jdbc.query("SELECT " + ChainRow.COLUMNS
                + " FROM ledger_chain ORDER BY last_position DESC LIMIT 1", (rs, n) -> ChainHead.of(ChainRow.of(rs)));
        return head.isEmpty() ? ChainHead.GENESIS : head.get(0);
    }

    private ChainHead link(ChainHead head) {
        List<StoredEvent> rows = jdbc.query(StoredEvent.SELECT
                + " WHERE e.global_index > ? AND e.global_index <= ledger_position_bound() ORDER BY e.global_index"
                + " LIMIT " + BATCH, (rs, n) -> StoredEvent.of(rs), head.position());
        Mac mac = seals.linkMac(seals.keyId()).orElseThrow();
        ChainRow.Builder links = new ChainRow.Builder(seals.keyId());
        byte[] digest = head.digestBytes();
        byte[] open = head.publicDigestBytes();
        long next = head.position() + 1;
        for (StoredEvent row : rows) {
            if (row.position() > next && !settled(next, row)) {
                break;
            }
            for (ChainLink link : row.position() > next
                    ? List.of(ChainLink.empty(next, row.position() - 1), row.link()) : List.of(row.link())) {
                digest = link.keyed(digest, mac);
                open = link.open(open);
                links.add(link, digest, open);
            }
            next = row.position() + 1;
        }
        if (links.isEmpty()) {
            return head;
        }
        ChainRow row = links.build();
        jdbc.update("INSERT INTO ledger_chain (" + ChainRow.COLUMNS + ") VALUES (?, ?, ?, ?::bigint[], ?, ?, ?, ?)",
                row.firstPosition(), row.lastPosition(), row.kinds(),
                Arrays.stream(row.emptyEnds()).boxed().toArray(Long[]::new), row.tags(), row.digest(),
                row.publicDigest(), row.keyId());
        return ChainHead.of(row);
    }

    /**
     * Whether the empty position {@code position}, before {@code after}, can no longer take an event. Its transaction
     * began before {@code after} was appended, so it could not commit more than the commit deadline after; so once
     * {@code after}, sealed, is older than the gap timeout, or once the position has been seen empty that long here.
     * An unsealed row's timestamp is no evidence: anyone could have written it.
     */
    private boolean settled(long position, StoredEvent after) {
        Instant now = clock.instant();
        if (after.seal() != null && StoredEvent.appendedAt(after.row().timeStamp())
                                                .filter(at -> !now.isBefore(at.plus(gapTimeout))).isPresent()) {
            return true;
        }
        Gap seen = gap;
        if (seen == null || seen.position != position) {
            gap = new Gap(position, now);
            return gapTimeout.isZero();
        }
        return !now.isBefore(seen.since.plus(gapTimeout));
    }

    private record Gap(long position, Instant since) {
    }
}
