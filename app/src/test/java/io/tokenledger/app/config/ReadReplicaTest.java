package io.tokenledger.app.config;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import io.tokenledger.app.support.Concurrently;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerNodes;
import io.tokenledger.app.support.StreamingReplica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A node whose queries read a hot standby ({@code LEDGER_READ_DATASOURCE_URL}) of a primary it writes to, over HTTP:
 * what a reader of the standby sees, and when (docs/operations.md, "A query node on a streaming replica"). The primary
 * and standby are made for this class ({@link StreamingReplica}); it skips, saying why, where they cannot be, unless
 * {@code LEDGER_TEST_REPLICA=required} (CI), where it fails instead.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaTest {

    /** The standby's replay lag while a test needs one: commits applied this long after the primary made them. */
    private static final Duration LAG = Duration.ofSeconds(4);
    /** How long a revocation may wait for its synchronous standby, here: above {@link #LAG}. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(6);
    private static final Pattern LAG_GAUGE = Pattern.compile("(?m)^ledger_read_replica_lag_seconds (\\S+)$");

    private static StreamingReplica pg;
    private static ConfigurableApplicationContext node;
    private static LedgerClient ledger;
    private static ClientAuthentication caller;
    private static JdbcTemplate primary;
    private static JdbcTemplate standby;

    @BeforeAll
    static void aNodeThatWritesToThePrimaryAndReadsTheStandby() throws Exception {
        Optional<String> unavailable = StreamingReplica.unavailable();
        if ("required".equals(System.getenv("LEDGER_TEST_REPLICA"))) {
            assertThat(unavailable).as("LEDGER_TEST_REPLICA=required, but no standby can be made here").isEmpty();
        }
        assumeTrue(unavailable.isEmpty(), () -> "ReadReplicaTest skipped: " + unavailable.orElse(""));
        pg = StreamingReplica.start();
        pg.createDatabase("ledger");
        primary = new JdbcTemplate(new DriverManagerDataSource(pg.primaryUrl("ledger")));
        standby = new JdbcTemplate(new DriverManagerDataSource(pg.standbyUrl("ledger")));
        node = LedgerNodes.start(pg.primaryUrl("ledger"), "all-1",
                "--ledger.read-datasource.url=" + pg.standbyUrl("ledger"),
                "--ledger.revocation.synchronous-commit=remote_apply",
                "--ledger.revocation.synchronous-commit-max-wait=" + MAX_WAIT);
        ledger = LedgerNodes.client(node);
        caller = LedgerClient.basic(ledger.register(LedgerNodes.adminToken(ledger), "read"));
        System.out.println("ReadReplicaTest ran on " + pg.describe());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    @Order(1)
    void aTokenIsActiveTheMomentItIsIssued_andThroughTheStandbyOnceReplayed() throws Exception {
        pg.applyDelay(LAG);
        try {
            String token = ledger.accessToken(caller, "read");
            String tokenId = tokenId(token);
            assertThat(ledger.introspect(caller, token).isActive())
                    .as("a token the standby does not have yet is looked up on the primary").isTrue();
            assertThat(standby.queryForObject("SELECT count(*) FROM tokens WHERE token_id = ?::uuid", Long.class,
                    tokenId)).as("the standby applies the issue only " + LAG.toSeconds() + " s later").isZero();
            awaitOnStandby(tokenId, "revoked_at IS NULL");
            assertThat(ledger.introspect(caller, token).isActive()).isTrue();
        } finally {
            pg.applyDelay(Duration.ZERO);
        }
    }

    @Test
    @Order(2)
    void aRevocationReachesAReaderOfTheStandbyOnlyOnceReplayed() throws Exception {
        pg.applyDelay(LAG);
        try {
            String token = ledger.accessToken(caller, "read");
            String tokenId = tokenId(token);
            awaitOnStandby(tokenId, "revoked_at IS NULL");

            Duration took = revoke(token);
            System.out.println("ReadReplicaTest: revoke with no synchronous standby answered in " + took.toMillis()
                    + " ms (standby applying " + LAG.toSeconds() + " s late)");
            assertThat(took).as("no standby is synchronous, so revoke waits for none").isLessThan(LAG);
            assertThat(ledger.introspect(caller, token).isActive())
                    .as("introspection read the standby, which has not replayed the revocation yet").isTrue();
            await().atMost(LAG).until(() -> lagSeconds() > 0);

            await().atMost(LAG.plusSeconds(20)).until(() -> !ledger.introspect(caller, token).isActive());
            assertThat(revokedOnStandby(tokenId)).isTrue();
        } finally {
            pg.applyDelay(Duration.ZERO);
        }
    }

    @Test
    @Order(3)
    void withRemoteApplyAndASynchronousStandbyRevokeAnswersOnlyOnceTheStandbyShowsIt() throws Exception {
        pg.applyDelay(LAG);
        pg.synchronous(true);
        try {
            String token = ledger.accessToken(caller, "read");
            String tokenId = tokenId(token);
            awaitOnStandby(tokenId, "revoked_at IS NULL");

            Duration took = revoke(token);
            System.out.println("ReadReplicaTest: revoke with remote_apply and a synchronous standby answered in "
                    + took.toMillis() + " ms (standby applying " + LAG.toSeconds() + " s late)");
            assertThat(took).as("the revocation's commit waited for the standby to apply it")
                    .isGreaterThanOrEqualTo(LAG.minusMillis(500));
            assertThat(revokedOnStandby(tokenId)).isTrue();
            assertThat(ledger.introspect(caller, token).isActive())
                    .as("once revoke answers, a reader of the standby sees it").isFalse();
        } finally {
            pg.synchronous(false);
            pg.applyDelay(Duration.ZERO);
        }
    }

    /**
     * PostgreSQL would wait for a stalled standby for ever, with the revocation's events invisible meanwhile: a gap the
     * processors and the chain give up on after a minute. The wait is bounded; the commit then completes on the primary.
     */
    @Test
    @Order(4)
    void aRevocationWaitsForAStalledStandbyNoLongerThanTheBound() throws Exception {
        Duration stalled = MAX_WAIT.multipliedBy(2);
        pg.applyDelay(stalled);
        pg.synchronous(true);
        try {
            String token = ledger.accessToken(caller, "read");
            String tokenId = tokenId(token);
            Duration took = revoke(token);
            System.out.println("ReadReplicaTest: revoke with remote_apply and a standby " + stalled.toSeconds()
                    + " s behind answered in " + took.toMillis() + " ms (bound " + MAX_WAIT.toSeconds() + " s)");
            assertThat(took).isGreaterThanOrEqualTo(MAX_WAIT.minusMillis(500)).isLessThan(stalled);
            assertThat(primary.queryForObject("SELECT revoked_at IS NOT NULL FROM tokens WHERE token_id = ?::uuid",
                    Boolean.class, tokenId)).as("committed on the primary without the standby").isTrue();
            assertThat(standby.queryForObject("SELECT count(*) FROM tokens WHERE token_id = ?::uuid "
                    + "AND revoked_at IS NOT NULL", Long.class, tokenId)).as("the standby replays it later").isZero();
        } finally {
            pg.synchronous(false);
            pg.applyDelay(Duration.ZERO);
        }
    }

    /**
     * When waiting revocations hold every connection of the node's pool (5 here), the bound still holds: the watchdog
     * has a connection of its own. Without it the node would wait as long as the standby stalls (a minute here).
     */
    @Test
    @Order(5)
    void theBoundHoldsWhenWaitingRevocationsHoldEveryConnection() throws Exception {
        List<String> tokens = new ArrayList<>();
        List<String> tokenIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(ledger.accessToken(caller, "read"));
            tokenIds.add(tokenId(tokens.get(i)));
        }
        pg.applyDelay(Duration.ofMinutes(1));
        pg.synchronous(true);
        try {
            long began = System.nanoTime();
            List<Integer> statuses = Concurrently.all(tokens.stream().<Callable<Integer>>map(
                    token -> () -> ledger.revoke(caller, token).getStatusCode()).toList());
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            System.out.println("ReadReplicaTest: 8 revocations on a pool of 5 with the standby stalled answered "
                    + statuses + " in " + took.toMillis() + " ms (bound " + MAX_WAIT.toSeconds() + " s)");
            assertThat(took).isLessThan(MAX_WAIT.plusSeconds(5));
            assertThat(statuses).containsOnly(200, 503).contains(200);
            for (int i = 0; i < tokens.size(); i++) {
                assertThat(primary.queryForObject("SELECT revoked_at IS NOT NULL FROM tokens WHERE token_id = ?::uuid",
                        Boolean.class, tokenIds.get(i))).isEqualTo(statuses.get(i) == 200);
            }
        } finally {
            pg.synchronous(false);
            pg.applyDelay(Duration.ZERO);
        }
    }

    @Test
    @Order(6)
    void writesAndTheProcessorsClaimsGoToThePrimary_readsToTheStandby() {
        assertThat(standby.queryForObject("SELECT pg_is_in_recovery()", Boolean.class))
                .as("the standby refuses writes, so every command the node handled was written to the primary")
                .isTrue();
        assertThat(primary.queryForList("SELECT DISTINCT owner FROM token_entry WHERE owner IS NOT NULL",
                String.class)).as("the streaming processors claim their segments on the primary").contains("all-1");
        String readers = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'token-ledger reads'";
        assertThat(standby.queryForObject(readers, Long.class)).isPositive();
        assertThat(primary.queryForObject(readers, Long.class)).isZero();
    }

    @Test
    @Order(7)
    void theReplayLagIsAGaugeWithHelpText() {
        assertThat(scrape()).contains("# HELP ledger_read_replica_lag_seconds ");
        await().atMost(Duration.ofSeconds(30)).until(() -> lagSeconds() == 0);
    }

    /** Revokes the token and answers how long revoke took to answer. */
    private static Duration revoke(String token) {
        long began = System.nanoTime();
        assertThat(ledger.revoke(caller, token).getStatusCode()).isEqualTo(200);
        return Duration.ofNanos(System.nanoTime() - began);
    }

    private static String tokenId(String token) {
        return ledger.introspect(caller, token).getJWTID().getValue();
    }

    private static void awaitOnStandby(String tokenId, String condition) {
        await().atMost(LAG.plusSeconds(30)).until(() -> standby.queryForObject(
                "SELECT count(*) FROM tokens WHERE token_id = ?::uuid AND " + condition, Long.class, tokenId) == 1);
    }

    private static boolean revokedOnStandby(String tokenId) {
        return standby.queryForObject("SELECT revoked_at IS NOT NULL FROM tokens WHERE token_id = ?::uuid",
                Boolean.class, tokenId);
    }

    private static double lagSeconds() {
        Matcher gauge = LAG_GAUGE.matcher(scrape());
        assertThat(gauge.find()).as("ledger_read_replica_lag_seconds is exported").isTrue();
        return Double.parseDouble(gauge.group(1));
    }

    private static String scrape() {
        return ledger.raw(HttpRequest.newBuilder(ledger.uri("/actuator/prometheus")).GET()).body();
    }
}
