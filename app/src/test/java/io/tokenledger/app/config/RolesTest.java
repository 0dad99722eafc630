package io.tokenledger.app.config;

import io.tokenledger.app.TokenLedgerApplication;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.testdb.TestDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A command node and a query node over one database split the work and together serve everything. */
class RolesTest {

    @Test
    void aCommandNodeAndAQueryNodeShareTheWork() {
        TestDatabase db = TestDatabase.create();
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        try (ConfigurableApplicationContext commandNode = start(db, "command");
             ConfigurableApplicationContext queryNode = start(db, "query")) {
            LedgerClient command = client(commandNode);
            LedgerClient query = client(queryNode);
            var billing = command.register(command.accessToken(LedgerClient.basic("ops", "ops-secret-0123"),
                    "ledger:admin"), "read");
            String token = command.accessToken(LedgerClient.basic(billing), "read");

            assertThat(query.introspect(LedgerClient.basic(billing), token).isActive())
                    .as("read-your-writes across nodes").isTrue();
            var misrouted = command.form("/oauth2/introspect", "token=" + token, "Authorization",
                    LedgerClient.basicHeader(billing));
            assertThat(misrouted.statusCode()).isEqualTo(404);
            assertThat(misrouted.body()).contains("send this request to a query node");
            assertThat(query.form("/oauth2/token", "grant_type=client_credentials", "Authorization",
                    LedgerClient.basicHeader(billing)).statusCode()).isEqualTo(404);

            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("SELECT count(*) FROM audit_log",
                    Long.class).equals(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)));
            assertThat(running(commandNode, "audit_log")).as("the command node leaves it to query nodes").isFalse();
            assertThat(running(queryNode, "audit_log")).isTrue();
            assertThat(running(commandNode, "tokens")).as("subscribing projections run in every command").isTrue();
            assertThat(Stream.of("tokens", "clients", "users", "authorization_codes", "metrics")
                             .map(group -> processor(commandNode, group)).distinct())
                    .as("the projections that commit with their events share one processor")
                    .singleElement().isInstanceOf(SubscribingEventProcessor.class)
                    .extracting(EventProcessor::getName).isEqualTo(AxonConfig.INLINE_PROCESSOR);
        }
    }

    private static ConfigurableApplicationContext start(TestDatabase db, String role) {
        return new SpringApplicationBuilder(TokenLedgerApplication.class).run("--spring.datasource.url=" + db.jdbcUrl(),
                "--server.port=0", "--spring.datasource.hikari.maximum-pool-size=6", "--ledger.admin-client-id=ops",
                "--ledger.admin-client-secret=ops-secret-0123", "--ledger.role=" + role);
    }

    private static boolean running(ConfigurableApplicationContext node, String processingGroup) {
        return processor(node, processingGroup).isRunning();
    }

    private static EventProcessor processor(ConfigurableApplicationContext node, String processingGroup) {
        return node.getBean(EventProcessingConfiguration.class).eventProcessorByProcessingGroup(processingGroup)
                   .orElseThrow();
    }

    private static LedgerClient client(ConfigurableApplicationContext node) {
        return LedgerClient.of(node);
    }
}
