package io.tokenledger.app.audit;

import io.tokenledger.app.TokenLedgerApplication;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A ledger whose events predate tamper evidence gets them sealed and chained at its first start after upgrading. */
class LegacySealingTest {

    /** A bare key is key 0, the one events that predate sealing are sealed with. */
    private static final String KEY_0 = "Dq1mS1qP7Y0Ww3t0YhC6GZ3m2kq0b9n4Jv8xXo5b1aE=";

    @Test
    void eventsThatPredateSealingAreSealedOnceAndVerify() {
        TestDatabase db = TestDatabase.create();
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        try (ConfigurableApplicationContext first = start(db)) {
            LedgerClient ledger = LedgerClient.of(first);
            var client = ledger.register(ledger.accessToken(LedgerClient.basic("ops", "ops-secret-0123"), "ledger:admin"),
                    "read");
            ledger.accessToken(LedgerClient.basic(client), "read");
        }
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        jdbc.update("DELETE FROM ledger_chain");
        jdbc.update("DELETE FROM ledger_seal");
        jdbc.update("UPDATE domain_event_entry SET seal = NULL, seal_key_id = NULL");
        jdbc.update("INSERT INTO ledger_settings (name, value) VALUES ('unsealed_before', ?)", String.valueOf(events + 1));

        try (ConfigurableApplicationContext upgraded = start(db)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM ledger_chain_link WHERE kind <> '0'", Long.class) == events);
            var result = upgraded.getBean(LedgerVerifier.class).verify();
            assertThat(result.status()).as(result.detail()).isEqualTo("OK");
            assertThat(result.chainLength()).isEqualTo(events);
        }
        assertThat(jdbc.queryForList("SELECT name FROM ledger_settings", String.class)).doesNotContain("unsealed_before");
    }

    private static ConfigurableApplicationContext start(TestDatabase db) {
        return new SpringApplicationBuilder(TokenLedgerApplication.class).run("--spring.datasource.url=" + db.jdbcUrl(),
                "--server.port=0", "--ledger.issuer=http://ledger.test", "--spring.datasource.hikari.maximum-pool-size=4",
                "--ledger.admin-client-id=ops",
                "--ledger.admin-client-secret=ops-secret-0123", "--ledger.seal-key=" + KEY_0);
    }
}
