package io.tokenledger.app.reliability;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.events.Actor;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.RevokeToken;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Insert order is not commit order: a transaction can take a ledger position, then commit after later positions
 * were projected. The streaming projections must still record the event, at its own position.
 */
@TestPropertySource(properties = "ledger.chain-gap-timeout=PT30S")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class LateCommitTest extends LedgerIntegrationTest {

    @Autowired
    private CommandGateway commands;
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void anEventCommittedAfterLaterOnesIsStillProjectedAndChained() throws Exception {
        ClientAuthentication client = LedgerClient.basic(ledger.register(adminToken(), "read"));
        String late = ledger.introspect(client, ledger.accessToken(client, "read")).getJWTID().getValue();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch overtaken = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(tx -> {
                    commands.sendAndWait(new RevokeToken(late, RevocationReason.REVOKED_BY_ADMIN, Instant.now(),
                            Actor.admin("slow")));
                    appended.countDown();
                    waitFor(overtaken);
                }));
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            ledger.accessToken(client, "read");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry e WHERE NOT EXISTS "
                        + "(SELECT 1 FROM audit_log a WHERE a.global_index = e.global_index)", Long.class) == 0);
        overtaken.countDown();
        slow.get(10, TimeUnit.SECONDS);
        long events = allEvents();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class)).isEqualTo(events);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_chain_link WHERE kind <> '0'",
                    Long.class)).isEqualTo(events);
        });
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM audit_log a JOIN domain_event_entry e USING (global_index)
                WHERE a.event_id = e.event_identifier""", Long.class)).as("every row at its own event's position")
                .isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT actor FROM audit_log WHERE event_type = 'TokenRevoked'", String.class))
                .isEqualTo("admin:slow");
    }

    /**
     * Processors give up on a missing position after their gap timeout, so no transaction may hold one that long:
     * PostgreSQL refuses at commit a transaction that appends events past the deadline (V7), and nothing of it
     * remains for a processor to have skipped.
     */
    @Test
    void aTransactionHoldingAPositionPastTheCommitDeadlineIsRefusedWhole() throws Exception {
        ClientAuthentication client = LedgerClient.basic(ledger.register(adminToken(), "read"));
        String token = ledger.accessToken(client, "read");
        String tokenId = ledger.introspect(client, token).getJWTID().getValue();
        long events = allEvents();

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.execute("SET LOCAL ledger.event_commit_deadline = '300 ms'");
            commands.sendAndWait(new RevokeToken(tokenId, RevocationReason.REVOKED_BY_ADMIN, Instant.now(),
                    Actor.admin("slow")));
            sleep(Duration.ofMillis(600));
        })).isInstanceOf(TransactionSystemException.class)
           .rootCause().hasMessageContaining("a transaction held ledger position")
           .hasMessageContaining("open for longer than 00:00:00.3 and was refused");

        assertThat(allEvents()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT revoked_at IS NULL FROM tokens WHERE token_id = ?::uuid",
                Boolean.class, tokenId)).isTrue();
        assertThat(ledger.introspect(client, token).isActive()).isTrue();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
