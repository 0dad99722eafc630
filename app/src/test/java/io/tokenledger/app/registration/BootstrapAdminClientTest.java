package io.tokenledger.app.registration;

import io.tokenledger.app.TokenLedgerApplication;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The bootstrap admin client, across restarts of a real server. */
class BootstrapAdminClientTest {

    private static final Pattern PRINTED_SECRET = Pattern.compile("client_secret: (\\S+)");

    @Test
    void aNewLedgerGetsAGeneratedAdminWhoseSecretIsPrintedOnceAndWorks() {
        TestDatabase db = TestDatabase.create();

        String firstStart = consoleOf(() -> start(db).close());
        Matcher secret = PRINTED_SECRET.matcher(firstStart);
        assertThat(secret.find()).as("credentials printed on the first start").isTrue();
        assertThat(firstStart).contains("client_id:     " + BootstrapAdminClient.DEFAULT_ID);

        try (ConfigurableApplicationContext second = start(db)) {
            int port = ((WebServerApplicationContext) second).getWebServer().getPort();
            String token = new LedgerClient(port).accessToken(
                    LedgerClient.basic(BootstrapAdminClient.DEFAULT_ID, secret.group(1)), "ledger:admin");
            assertThat(token).isNotBlank();
        }
        String thirdStart = consoleOf(() -> start(db).close());
        assertThat(thirdStart).doesNotContain("client_secret:");
        assertThat(new JdbcTemplate(db.dataSource()).queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ClientRegistered' "
                + "AND aggregate_identifier = ?", Long.class, BootstrapAdminClient.DEFAULT_ID)).isEqualTo(1L);
        assertThat(new JdbcTemplate(db.dataSource()).queryForObject(
                "SELECT redirect_uris[1] FROM clients WHERE client_id = ?", String.class,
                BootstrapConsoleClient.CLIENT_ID)).as("the console, registered beside it, is no administrator")
                .endsWith("/console/");
    }

    @Test
    void aConfiguredAdminIsRegisteredWithABcryptHashOfItsSecret() {
        TestDatabase db = TestDatabase.create();

        String console = consoleOf(() -> start(db, "--ledger.admin-client-id=ops", "--ledger.admin-client-secret=an-operator-s3cret").close());

        assertThat(console).doesNotContain("an-operator-s3cret");
        String hash = new JdbcTemplate(db.dataSource()).queryForObject(
                "SELECT client_secret FROM clients WHERE client_id = 'ops'", String.class);
        assertThat(hash).startsWith("bcrypt:$2");
    }

    /** Admins registered before introspection needed a permission (RFC 7662 §4) get it at the next start. */
    @Test
    void anAdminWithoutTheIntrospectionPermissionGetsItAtStart() {
        TestDatabase db = TestDatabase.create();
        String[] admin = {"--ledger.admin-client-id=ops", "--ledger.admin-client-secret=an-operator-s3cret"};
        try (ConfigurableApplicationContext first = start(db, admin)) {
            LedgerClient ledger = LedgerClient.of(first);
            String token = ledger.accessToken(LedgerClient.basic("ops", "an-operator-s3cret"), "ledger:admin");
            assertThat(ledger.manage(token, "PUT", "/oauth2/register/ops", """
                    {"client_name":"Ledger administrator","grant_types":["client_credentials"],
                     "scope":"ledger:admin ledger:audit"}""").statusCode()).isEqualTo(200);
        }
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        assertThat(jdbc.queryForObject("SELECT scope FROM clients WHERE client_id = 'ops'", String.class))
                .doesNotContain("ledger:introspect");

        start(db, admin).close();

        assertThat(jdbc.queryForObject("SELECT scope FROM clients WHERE client_id = 'ops'", String.class))
                .contains("ledger:introspect");
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb -> 'actor' ->> 'id' FROM domain_event_entry
                WHERE payload_type LIKE '%ClientUpdated' ORDER BY global_index DESC LIMIT 1""", String.class))
                .isEqualTo("bootstrap");
    }

    private static ConfigurableApplicationContext start(TestDatabase db, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--spring.datasource.url=" + db.jdbcUrl();
        all[1] = "--server.port=0";
        all[2] = "--spring.datasource.hikari.maximum-pool-size=4";
        System.arraycopy(args, 0, all, 3, args.length);
        return new SpringApplicationBuilder(TokenLedgerApplication.class).run(all);
    }

    private static String consoleOf(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
