package io.tokenledger.app.config;

import com.nimbusds.oauth2.sdk.client.ClientInformation;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerNodes;
import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two command nodes and two query nodes over one database serve a mixed load: every acknowledged change is in
 * the read tables once, and the query nodes, sharing the streaming processors' segments, lose and repeat nothing.
 */
class FourNodesTest {

    private static final int ROUNDS = 60;

    @Test
    void twoCommandAndTwoQueryNodesServeAMixedLoadWithNothingLostOrDuplicated() throws Exception {
        TestDatabase db = TestDatabase.create();
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        List<ConfigurableApplicationContext> nodes = new ArrayList<>();
        try {
            for (String node : List.of("command-1", "command-2", "query-1", "query-2")) {
                nodes.add(LedgerNodes.start(db, node));
            }
            List<LedgerClient> command = List.of(LedgerNodes.client(nodes.get(0)), LedgerNodes.client(nodes.get(1)));
            List<LedgerClient> query = List.of(LedgerNodes.client(nodes.get(2)), LedgerNodes.client(nodes.get(3)));
            ClientInformation billing = command.get(0).register(LedgerNodes.adminToken(command.get(0)), "read");

            List<Callable<Boolean>> load = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                LedgerClient writer = command.get(i % 2);
                LedgerClient reader = query.get((i + 1) % 2);
                boolean revoke = i % 5 == 0;
                load.add(() -> {
                    String token = writer.accessToken(LedgerClient.basic(billing), "read");
                    boolean active = reader.introspect(LedgerClient.basic(billing), token).isActive();
                    if (revoke) {
                        assertThat(writer.revoke(LedgerClient.basic(billing), token).getStatusCode()).isEqualTo(200);
                        return active && !reader.introspect(LedgerClient.basic(billing), token).isActive();
                    }
                    return active;
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                for (Future<Boolean> outcome : pool.invokeAll(load)) {
                    assertThat(outcome.get()).as("read-your-writes from a command node to a query node").isTrue();
                }
            } finally {
                pool.shutdown();
            }

            long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class)).isEqualTo(events);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_chain_link WHERE kind <> '0'",
                        Long.class)).isEqualTo(events);
            });
            assertThat(count(jdbc, "SELECT count(*) FROM tokens WHERE client_id = ?", billing)).isEqualTo(ROUNDS);
            assertThat(count(jdbc, "SELECT count(*) FROM tokens WHERE client_id = ? AND revoked_at IS NOT NULL", billing))
                    .isEqualTo(ROUNDS / 5);
            assertThat(jdbc.queryForObject("SELECT count(DISTINCT global_index) FROM audit_log", Long.class)).isEqualTo(events);
            assertThat(jdbc.queryForList("SELECT DISTINCT owner FROM token_entry WHERE owner IS NOT NULL", String.class))
                    .as("only query nodes claim the streaming processors' segments")
                    .allSatisfy(owner -> assertThat(owner).startsWith("query-"));
            assertThat(nodes.get(2).getBean(LedgerVerifier.class).verify().status()).isEqualTo("OK");
            assertThat(jdbc.queryForObject("SELECT enabled FROM lookup_notifications", Boolean.class))
                    .as("no node runs the introspection cache, so no writer pays for announcing changes").isFalse();
        } finally {
            nodes.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static long count(JdbcTemplate jdbc, String sql, ClientInformation client) {
        return jdbc.queryForObject(sql, Long.class, client.getID().getValue());
    }
}
