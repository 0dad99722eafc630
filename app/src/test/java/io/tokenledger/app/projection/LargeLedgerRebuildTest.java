package io.tokenledger.app.projection;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.events.Actor;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import io.tokenledger.projections.rebuild.ProjectionCatalog;
import io.tokenledger.projections.rebuild.ProjectionRebuilder;
import io.tokenledger.projections.rebuild.RebuildProgress;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpRequest;
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

/**
 * On a ledger of 40k events, rebuilding tokens and then the audit log yields identical tables while token requests
 * keep succeeding, and the whole audit log exports.
 */
@TestPropertySource(properties = "spring.mvc.async.request-timeout=200ms")
class LargeLedgerRebuildTest extends LedgerIntegrationTest {

    private static final int TOKENS = 20_000;
    private static final int BATCH = 1_000;
    private static ClientInformation seeded;

    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionManager transactions;
    @Autowired
    private ProjectionRebuilder rebuilder;
    @Autowired
    private ProjectionCatalog catalog;

    @Test
    void rebuildingTokensAndTheAuditLogOn40kEventsIsIdenticalWhileServing() throws Exception {
        ClientInformation client = seededClient();
        assertThat(allEvents()).isGreaterThan(2L * TOKENS);
        jdbc.execute("CREATE TABLE tokens_before_rebuild AS SELECT * FROM tokens");

        Served tokens = rebuildWhileServing("tokens", LedgerClient.basic(client));

        assertThat(tokens.done().eventsDone()).isGreaterThan(2L * TOKENS);
        assertThat(tokens.done().rowsAdded()).as("tokens commits with its events: nothing to catch up").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tokens", Long.class))
                .as("the tokens there were, and those issued during the rebuild")
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM tokens_before_rebuild", Long.class)
                        + tokens.issuedMeanwhile());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT * FROM tokens_before_rebuild "
                + "EXCEPT SELECT * FROM tokens) AS changed", Long.class)).as("every row is as it was").isZero();

        awaitAuditLogCaughtUp(Duration.ofMinutes(3));
        jdbc.execute("CREATE TABLE audit_before_rebuild AS SELECT * FROM audit_log");
        Served audit = rebuildWhileServing("audit_log", LedgerClient.basic(client));
        awaitAuditLogCaughtUp(Duration.ofMinutes(3));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT * FROM audit_before_rebuild EXCEPT SELECT * FROM "
                + "audit_log) AS d", Long.class)).as("every row that was there is as it was").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class))
                .as("and the rows of the tokens issued during the rebuild were added")
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM audit_before_rebuild", Long.class)
                        + audit.issuedMeanwhile());
    }

    /**
     * The whole audit log of a large ledger streams out completely, though it takes longer than the asynchronous
     * request timeout (set short here; Tomcat's default is 30 s, which a long export would outlast).
     */
    @Test
    void theWholeExportOfALargeLedgerArrivesComplete() throws Exception {
        seededClient();
        awaitAuditLogCaughtUp(Duration.ofMinutes(3));
        String auditor = ledger.accessToken(LedgerClient.basic(ADMIN_ID, ADMIN_SECRET), "ledger:audit");

        var response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/ledger/audit"))
                .header("Authorization", "Bearer " + auditor).header("Accept", "application/x-ndjson").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().lines().count()).isEqualTo(allEvents());
        assertThat(response.body().lines().reduce((first, last) -> last).orElseThrow())
                .contains("\"position\":" + jdbc.queryForObject("SELECT max(global_index) FROM audit_log", Long.class));
    }

    private record Served(RebuildProgress done, long issuedMeanwhile) {
    }

    /** Rebuilds a projection while a client keeps asking for tokens; every request must succeed. */
    private Served rebuildWhileServing(String projection, ClientAuthentication client)
            throws Exception {
        AtomicBoolean rebuilding = new AtomicBoolean(true);
        ExecutorService load = Executors.newSingleThreadExecutor();
        Future<List<Integer>> statuses = load.submit(() -> {
            List<Integer> seen = new ArrayList<>();
            while (rebuilding.get()) {
                seen.add(ledger.tokenResponse(client, "read").indicatesSuccess() ? 200 : 400);
            }
            return seen;
        });
        RebuildProgress done;
        try {
            done = rebuilder.rebuild(catalog.named(projection).orElseThrow());
        } finally {
            rebuilding.set(false);
            load.shutdown();
        }
        assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo("done");
        assertThat(done.rowsChanged() + done.rowsRemoved()).as("rows the rebuild corrected").isZero();
        List<Integer> served = statuses.get();
        assertThat(served).as("token requests during the rebuild of " + projection).isNotEmpty().containsOnly(200);
        // An asynchronous projection's live table may not have reached the newest events yet; the rebuild adds them.
        assertThat(done.rowsAdded()).as("rows of events the live projection had not reached")
                                    .isLessThanOrEqualTo(served.size());
        return new Served(done, served.size());
    }


    /** Both tests share one ledger of 40k events: seeding it is most of their time. */
    private ClientInformation seededClient() {
        if (seeded == null) {
            seeded = ledger.register(adminToken(), "read");
            seed(seeded.getID().getValue());
        }
        return seeded;
    }

    /** 20k tokens issued and revoked: 40k events appended through the event store, a thousand per transaction. */
    private void seed(String clientId) {
        Instant now = Instant.now();
        for (int start = 0; start < TOKENS; start += BATCH) {
            List<EventMessage<?>> batch = new ArrayList<>(2 * BATCH);
            for (int i = 0; i < BATCH; i++) {
                String tokenId = UUID.randomUUID().toString();
                String hash = "sha256:" + (tokenId.replace("-", "") + tokenId.replace("-", ""));
                batch.add(new GenericDomainEventMessage<>("TokenAggregate", tokenId, 0, new TokenIssued(tokenId,
                        clientId, null, "client_credentials", "Bearer", List.of("read"), null, hash, null, now,
                        now.plus(Duration.ofHours(1)), null, null, null, Actor.client(clientId))));
                batch.add(new GenericDomainEventMessage<>("TokenAggregate", tokenId, 1, new TokenRevoked(tokenId,
                        clientId, RevocationReason.REVOKED_BY_CLIENT, now, Actor.client(clientId))));
            }
            var unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactions);
            unitOfWork.execute(() -> eventStore.publish(batch));
        }
    }
}
