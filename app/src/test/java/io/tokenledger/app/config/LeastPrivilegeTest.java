package io.tokenledger.app.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.app.TokenLedgerApplication;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The application role of docs/operations.md, with exactly the grants printed there: the server runs on it, and the
 * database itself refuses it any change to an event, a seal or a link (the ledger's append-only rule), and DDL.
 */
class LeastPrivilegeTest {

    private static final Pattern GRANTS = Pattern.compile("```sql\\n(CREATE ROLE ledger_app LOGIN.*?)```",
            Pattern.DOTALL);

    @Test
    void theServerRunsOnTheDocumentedRoleAndTheDatabaseRefusesItAnyRewrite() throws IOException {
        TestDatabase db = TestDatabase.create();
        JdbcTemplate owner = new JdbcTemplate(db.dataSource());
        String role = "ledger_app_" + UUID.randomUUID().toString().substring(0, 8);
        for (String statement : documentedGrants(role, db.name())) {
            owner.execute(statement);
        }
        String url = db.jdbcUrl().replace("user=postgres", "user=" + role);

        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(TokenLedgerApplication.class).run(
                "--spring.datasource.url=" + url, "--spring.flyway.enabled=false", "--server.port=0",
                "--spring.datasource.hikari.maximum-pool-size=4", "--ledger.admin-client-id=ops",
                "--ledger.admin-client-secret=ops-secret-0123", "--ledger.introspection-cache-size=100")) {
            LedgerClient ledger = LedgerClient.of(server);
            MeterRegistry meters = server.getBean(MeterRegistry.class);
            await("the introspection cache listens for changes").atMost(Duration.ofSeconds(15))
                   .until(() -> meters.get("ledger.introspection.cache.serving").gauge().value() == 1);
            var client = LedgerClient.basic(ledger.register(
                    ledger.accessToken(LedgerClient.basic("ops", "ops-secret-0123"), "ledger:admin"), "read"));
            String token = ledger.accessToken(client, "read");
            ledger.revoke(client, token);
            assertThat(ledger.introspect(client, token).isActive()).isFalse();
        }

        JdbcTemplate app = new JdbcTemplate(new DriverManagerDataSource(url));
        for (String rewrite : List.of("UPDATE domain_event_entry SET payload_type = payload_type",
                "DELETE FROM domain_event_entry", "TRUNCATE domain_event_entry", "UPDATE ledger_chain SET tags = tags",
                "DELETE FROM ledger_chain", "ALTER TABLE tokens ADD COLUMN x int", "DROP TABLE audit_entry")) {
            assertThatThrownBy(() -> app.execute(rewrite)).as(rewrite).satisfiesAnyOf(e -> assertThat(e).hasStackTraceContaining("permission denied"),
                            e -> assertThat(e).hasStackTraceContaining("must be owner"));
        }
    }

    /** The SQL block of operations.md that creates the application role, for {@code role} on {@code database}. */
    private static List<String> documentedGrants(String role, String database) throws IOException {
        Matcher block = GRANTS.matcher(Files.readString(Path.of("..", "docs", "operations.md")));
        assertThat(block.find()).as("operations.md shows the application role's grants").isTrue();
        return List.of(block.group(1).replaceAll("--[^\\n]*", "").replace("ledger_app", role)
                            .replace("DATABASE ledger", "DATABASE " + database).replace("'…'", "'x'")
                            .split(";\\s*")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
