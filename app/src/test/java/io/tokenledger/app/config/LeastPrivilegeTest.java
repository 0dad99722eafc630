package io.tokenledger.app.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.app.TokenLedgerApplication;
import io.tokenledger.app.integrity.IntegrityProperties;
import io.tokenledger.app.retention.Retention;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.projections.integrity.verification.LedgerVerifier;
import io.tokenledger.projections.rebuild.ProjectionCatalog;
import io.tokenledger.projections.rebuild.ProjectionRebuilder;
import io.tokenledger.testdb.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.yaml.snakeyaml.Yaml;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The compose deployment's database roles, applied as docker-compose.yml applies them: its migration job runs the
 * folders it mounts (the migrations, then the callback {@code deploy/flyway/afterMigrate__application_role.sql} that
 * creates the application role and gives it its grants) as the owner; a node then connects as that role, with
 * Flyway off and its secrets read from files named as the compose file names them, and serves. The database itself
 * refuses the role any change to an event, a seal or a link (the ledger's append-only rule), and DDL.
 */
class LeastPrivilegeTest {

    private static final Path COMPOSE_FILE = Path.of("..", "docker-compose.yml");

    @Test
    void theServerRunsOnTheRoleComposeAppliesAndTheDatabaseRefusesItAnyRewrite(@TempDir Path secrets)
            throws IOException {
        Map<String, Map<String, Object>> services = services();
        TestDatabase db = TestDatabase.createEmpty();
        JdbcTemplate owner = new JdbcTemplate(db.dataSource());
        // Roles belong to the whole cluster, which other test runs share: a name of this run's own.
        String role = "ledger_app_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            // Quotes and dollars may be in a password (Flyway's placeholders' and SQL's), all but the tag $password$.
            String first = "first 'pa$$word' ${x}$";
            migrateAsTheJob(services.get("flyway"), db, role, first);
            assertThat(passwordIs(owner, role, first)).as("the role's password is its secret file's").isTrue();
            // The job runs at every start of the deployment: the same role, its grants again, a rotated password.
            migrateAsTheJob(services.get("flyway"), db, role, "second-password");
            assertThat(passwordIs(owner, role, "second-password")).as("the role's password follows its file").isTrue();

            String url = db.jdbcUrl().replace("user=postgres", "user=" + role);
            Map<String, String> node = secretFiles(services.get("command-node"), secrets, Map.of(
                    "spring.datasource.password", "second-password",
                    "ledger.seal-key", "compose:" + Base64.getEncoder().encodeToString(randomBytes(32)),
                    "ledger.admin-client-secret", "ops-secret-0123"));
            try (ConfigurableApplicationContext server = new SpringApplicationBuilder(TokenLedgerApplication.class)
                    .run("--spring.config.import=" + node.get("SPRING_CONFIG_IMPORT")
                                 .replace("/run/secrets/", secrets.toAbsolutePath() + "/"),
                         "--spring.datasource.url=" + url, "--spring.flyway.enabled=false", "--server.port=0",
                         "--spring.datasource.hikari.maximum-pool-size=4", "--ledger.admin-client-id=ops",
                         "--ledger.introspection-cache-size=100")) {
                assertThat(server.getBean(IntegrityProperties.class).sealKey()).as("the seal key from its file")
                        .isEqualTo(Files.readString(secrets.resolve("ledger.seal-key")));
                LedgerClient ledger = LedgerClient.of(server);
                MeterRegistry meters = server.getBean(MeterRegistry.class);
                await("the introspection cache listens for changes").atMost(Duration.ofSeconds(15))
                        .until(() -> meters.get("ledger.introspection.cache.serving").gauge().value() == 1);
                var client = LedgerClient.basic(ledger.register(
                        ledger.accessToken(LedgerClient.basic("ops", "ops-secret-0123"), "ledger:admin"), "read"));
                String token = ledger.accessToken(client, "read");
                ledger.revoke(client, token);
                assertThat(ledger.introspect(client, token).isActive()).isFalse();
                // The operator's work runs on the role too: a rebuild (its shadow schema), retention, verification.
                ProjectionCatalog catalog = server.getBean(ProjectionCatalog.class);
                for (String table : List.of("tokens", "clients")) {
                    assertThat(server.getBean(ProjectionRebuilder.class).rebuild(catalog.named(table).orElseThrow())
                                     .state()).as("rebuild of " + table).isEqualTo("done");
                }
                server.getBean(Retention.class).prune();
                assertThat(server.getBean(LedgerVerifier.class).verify().ok()).isTrue();
            }

            JdbcTemplate app = new JdbcTemplate(new DriverManagerDataSource(url));
            for (String rewrite : List.of("UPDATE domain_event_entry SET payload_type = payload_type",
                    "DELETE FROM domain_event_entry", "TRUNCATE domain_event_entry",
                    "UPDATE ledger_seal SET mac = mac", "DELETE FROM ledger_seal",
                    "UPDATE ledger_chain SET tags = tags", "DELETE FROM ledger_chain",
                    "ALTER TABLE tokens ADD COLUMN x int", "DROP TABLE audit_entry", "CREATE SCHEMA ledger")) {
                assertThatThrownBy(() -> app.execute(rewrite)).as(rewrite).satisfiesAnyOf(
                        e -> assertThat(e).hasStackTraceContaining("permission denied"),
                        e -> assertThat(e).hasStackTraceContaining("must be owner"));
            }
        } finally {
            if (!owner.queryForList("SELECT 1 FROM pg_roles WHERE rolname = ?", role).isEmpty()) {
                owner.execute("DROP OWNED BY " + role);
                owner.execute("DROP ROLE " + role);
            }
        }
    }

    /**
     * Flyway as the compose file's migration job runs it: as the owner, over the folders the job mounts, in their
     * order; the role's name and password go in as the job's placeholders do.
     */
    private static void migrateAsTheJob(Map<String, Object> job, TestDatabase db, String role, String password) {
        String[] locations = list(job, "volumes").stream()
                .map(volume -> "filesystem:" + Path.of("..", volume.substring(0, volume.indexOf(':'))).normalize())
                .toArray(String[]::new);
        assertThat(locations).as("the job mounts the migrations and the role's callback")
                .contains("filesystem:../migrations/sql", "filesystem:../deploy/flyway");
        Flyway.configure().dataSource(db.jdbcUrl(), null, null).locations(locations)
                .placeholders(Map.of("ledger_app_role", role, "ledger_app_password", password)).load().migrate();
    }

    /**
     * Writes the node's secrets as Docker mounts them, a file per secret named by its target, with the value given
     * for that target (every one the node reads, and no other), and answers the node's environment.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, String> secretFiles(Map<String, Object> node, Path dir, Map<String, String> values)
            throws IOException {
        List<String> targets = ((List<Map<String, String>>) node.get("secrets")).stream()
                .map(secret -> secret.get("target")).toList();
        assertThat(targets).as("the secrets a node reads").containsExactlyInAnyOrderElementsOf(values.keySet());
        for (String target : targets) {
            Files.writeString(dir.resolve(target), values.get(target));
        }
        return (Map<String, String>) node.get("environment");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /**
     * Whether the role's stored SCRAM verifier is {@code password}'s (RFC 5802: StoredKey is H(HMAC(SaltedPassword,
     * "Client Key"))): the test server trusts local connections, so logging in would prove nothing.
     */
    private static boolean passwordIs(JdbcTemplate owner, String role, String password) {
        String stored = owner.queryForObject("SELECT rolpassword FROM pg_authid WHERE rolname = ?", String.class, role);
        String[] parts = stored.split("[$:]");   // SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>
        try {
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(
                    password.toCharArray(), Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1]), 256))
                    .getEncoded();
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(salted, "HmacSHA256"));
            byte[] clientKey = hmac.doFinal("Client Key".getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(MessageDigest.getInstance("SHA-256").digest(clientKey),
                    Base64.getDecoder().decode(parts[3]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> service, String key) {
        return (List<String>) service.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader compose = Files.newBufferedReader(COMPOSE_FILE)) {
            return (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(compose).get("services");
        }
    }
}
