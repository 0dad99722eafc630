package io.tokenledger.projections.integrity;

import io.tokenledger.projections.ProjectionFixtures;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.AnchorStore;
import io.tokenledger.projections.integrity.sealing.ChainHead;
import io.tokenledger.projections.integrity.sealing.DirectoryAnchorStore;
import io.tokenledger.projections.integrity.sealing.EventTable;
import io.tokenledger.projections.integrity.sealing.LedgerChainer;
import io.tokenledger.projections.integrity.sealing.SealKeys;
import io.tokenledger.projections.integrity.sealing.SealingAppender;
import io.tokenledger.projections.integrity.sealing.Seals;
import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.projections.integrity.verification.Verification;
import io.tokenledger.testdb.ForgedRows;
import io.tokenledger.testdb.TestDatabase;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

/**
 * A ledger on a database of its own: events appended through Axon's engine with their seals, the chain, anchors in a
 * directory of their own, verification, and a clock the test moves.
 */
public final class ChainFixture {

    public static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration STALL_AFTER = GAP_TIMEOUT.multipliedBy(5);

    public final DataSource data = TestDatabase.create().dataSource();
    public final JdbcTemplate jdbc = new JdbcTemplate(data);
    public final MovableClock clock = new MovableClock();
    public final Path anchorDir;
    public final AnchorSigner signer;
    public Seals seals;
    public LedgerChainer chainer;

    public ChainFixture(String sealKeys) {
        try {
            anchorDir = Files.createTempDirectory("anchors");
            signer = AnchorSigner.loadOrCreate(anchorDir.resolveSibling(anchorDir.getFileName() + ".pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys(sealKeys);
    }

    /** From now on, seals and links are made with these keys (the last the newest). */
    public void keys(String sealKeys) {
        seals = new Seals(SealKeys.parse(sealKeys));
        chainer = new LedgerChainer(jdbc, new TransactionTemplate(new DataSourceTransactionManager(data)), seals,
                clock, GAP_TIMEOUT);
    }

    /** Appends one event, sealed, as the ledger does; answers its position. */
    public long append() {
        return appendStream(1).get(0);
    }

    /** Appends one stream of {@code events} events, sealed; answers their positions. */
    public List<Long> appendStream(int events) {
        String tokenId = UUID.randomUUID().toString();
        engine().appendEvents(LongStream.range(0, events).mapToObj(sequence ->
                new GenericDomainEventMessage<>("TokenAggregate", tokenId, sequence,
                        ProjectionFixtures.tokenIssued(tokenId, "c-1"))).toList());
        return jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", Long.class, tokenId);
    }

    /** Axon's JDBC engine on this ledger, sealing what it appends with the current keys. */
    public JdbcEventStorageEngine engine() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(data::getConnection))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer).snapshotSerializer(serializer)
                .schema(EventTable.schema())
                .appendEvents(new SealingAppender(seals))
                .build();
    }

    public AnchorStore anchors() {
        return new DirectoryAnchorStore(anchorDir);
    }

    /** Takes a position that no event will ever hold, as a transaction that rolls back does. */
    public long skipPosition() {
        return jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))",
                Long.class);
    }

    /**
     * Writes with SQL, as an attacker would, a copy of the event row at {@code of}, in a stream of its own, at
     * {@code position}: with the original's seal, or with none.
     */
    public void insertCopy(long position, long of, boolean withSeal) {
        ForgedRows.insertCopy(data, position, of, withSeal);
    }

    /** Links until nothing more can be linked now. */
    public ChainHead link() {
        ChainHead head;
        ChainHead next = chainer.head();
        do {
            head = next;
            next = chainer.linkBatch().orElseThrow();
        } while (next.position() > head.position());
        return head;
    }

    public LedgerVerifier verifier() {
        return new LedgerVerifier(jdbc, new DataSourceTransactionManager(jdbc.getDataSource()), seals, anchors(), signer,
                clock, STALL_AFTER);
    }

    public Verification verify() {
        return verifier().verify();
    }

    public List<String> links() {
        return jdbc.queryForList("SELECT kind || ' ' || from_position || '-' || to_position FROM ledger_chain_link "
                + "ORDER BY from_position", String.class);
    }

    public static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static final class MovableClock extends Clock {

        private Instant now = Instant.now();

        public void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
