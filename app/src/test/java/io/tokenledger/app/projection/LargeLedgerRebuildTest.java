package io.tokenledger.app.projection;

import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.events.Actor;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On a ledger of 100k events, rebuilding tokens yields the identical table while token requests keep succeeding,
 * and rebuilding the audit log yields the identical audit log.
 */
class LargeLedgerRebuildTest extends LedgerIntegrationTest {

    private static final int TOKENS = 50_000;
    private static final int BATCH = 1_000;

    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionManager transactions;
    @Autowired
    private ProjectionRebuilder rebuilder;
    @Autowired
    private ProjectionCatalog catalog;

    @Test
    void rebuildingTokensOn100kEventsIsIdenticalWhileServing() throws Exception {
        var client = ledger.register(adminToken(), "read");
        seed(client.getID().getValue());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isGreaterThan(100_000L);
        jdbc.execute("CREATE TABLE tokens_before_rebuild AS SELECT * FROM tokens");

        AtomicBoolean rebuilding = new AtomicBoolean(true);
        ExecutorService load = Executors.newSingleThreadExecutor();
        Future<List<Integer>> statuses = load.submit(() -> {
            List<Integer> seen = new ArrayList<>();
            while (rebuilding.get()) {
                seen.add(ledger.tokenResponse(LedgerClient.basic(client), "read").indicatesSuccess() ? 200 : 400);
            }
            return seen;
        });
        RebuildProgress done;
        try {
            done = rebuilder.rebuild(catalog.named("tokens").orElseThrow());
        } finally {
            rebuilding.set(false);
            load.shutdown();
        }

        assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo("done");
        assertThat(done.eventsDone()).isGreaterThan(100_000L);
        assertThat(done.rowsChanged() + done.rowsRemoved() + done.rowsAdded()).isZero();
        List<Integer> served = statuses.get();
        assertThat(served).isNotEmpty().containsOnly(200);
        long issuedMeanwhile = served.size();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tokens", Long.class))
                .as("the seeded tokens, the admin's, and those issued during the rebuild").isEqualTo(TOKENS + 1 + issuedMeanwhile);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT * FROM tokens_before_rebuild "
                + "EXCEPT SELECT * FROM tokens) AS changed", Long.class)).as("every row is as it was").isZero();

        await().atMost(Duration.ofMinutes(3)).until(() -> jdbc.queryForObject("SELECT count(*) FROM audit_log",
                Long.class).equals(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)));
        jdbc.execute("CREATE TABLE audit_before_rebuild AS SELECT * FROM audit_log");
        RebuildProgress audit = rebuilder.rebuild(catalog.named("audit_log").orElseThrow());
        assertThat(audit.state()).as(String.valueOf(audit.error())).isEqualTo("done");
        assertThat(audit.rowsChanged() + audit.rowsRemoved() + audit.rowsAdded()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ((SELECT * FROM audit_before_rebuild EXCEPT SELECT * FROM "
                + "audit_log) UNION ALL (SELECT * FROM audit_log EXCEPT SELECT * FROM audit_before_rebuild)) AS d",
                Long.class)).isZero();
    }

    /** 50k tokens issued and revoked: 100k events appended through the event store, a thousand per transaction. */
    private void seed(String clientId) {
        Instant now = Instant.now();
        for (int start = 0; start < TOKENS; start += BATCH) {
            List<EventMessage<?>> batch = new ArrayList<>(2 * BATCH);
            for (int i = 0; i < BATCH; i++) {
                String tokenId = UUID.randomUUID().toString();
                String hash = "sha256:" + (tokenId.replace("-", "") + tokenId.replace("-", ""));
                batch.add(new GenericDomainEventMessage<>("TokenAggregate", tokenId, 0, new TokenIssued(tokenId,
                        clientId, null, "client_credentials", "Bearer", List.of("read"), hash, null, now,
                        now.plus(Duration.ofHours(1)), Actor.client(clientId))));
                batch.add(new GenericDomainEventMessage<>("TokenAggregate", tokenId, 1, new TokenRevoked(tokenId,
                        clientId, RevocationReason.REVOKED_BY_CLIENT, now, Actor.client(clientId))));
            }
            var unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactions);
            unitOfWork.execute(() -> eventStore.publish(batch));
        }
    }
}
