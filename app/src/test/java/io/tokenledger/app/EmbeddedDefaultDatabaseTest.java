package io.tokenledger.app;

import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** With no SPRING_DATASOURCE_URL the server runs on its embedded PostgreSQL, and keeps its data across restarts. */
class EmbeddedDefaultDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void startsWithNoDatabaseConfiguredAndKeepsTheLedgerAcrossRestarts() {
        // A fixed issuer, as in production: the console's redirect URI follows it, so a new port would update it.
        String[] args = {"--server.port=0", "--ledger.data-dir=" + dataDir, "--ledger.issuer=http://ledger.test",
                "--ledger.admin-client-id=admin", "--ledger.admin-client-secret=embedded-admin-secret"};
        try (ConfigurableApplicationContext first = new SpringApplicationBuilder(TokenLedgerApplication.class).run(args)) {
            LedgerClient ledger = client(first);
            assertThat(ledger.raw(HttpRequest.newBuilder(ledger.uri("/actuator/health")).GET()).body())
                    .isEqualTo("{\"status\":\"UP\"}");
            ledger.accessToken(LedgerClient.basic("admin", "embedded-admin-secret"), "ledger:admin");
        }
        assertThat(Files.exists(dataDir.resolve("pgdata/PG_VERSION"))).isTrue();

        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(TokenLedgerApplication.class).run(args)) {
            var jdbc = second.getBean(org.springframework.jdbc.core.JdbcTemplate.class);
            Long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
            assertThat(events).as("the signing key's generation and activation, the admin's and the console's "
                    + "registrations and the admin's token survived the restart, which made no second key")
                    .isEqualTo(5L);
            assertThat(jdbc.queryForList("SELECT setting FROM pg_settings WHERE name IN ('fsync', "
                    + "'synchronous_commit')", String.class)).as("durable, unlike zonky's test defaults")
                    .containsOnly("on");
        }
    }

    private static LedgerClient client(ConfigurableApplicationContext context) {
        return LedgerClient.of(context);
    }
}
