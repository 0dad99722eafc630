package io.tokenledger.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.zaxxer.hikari.HikariDataSource;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.app.support.ServerJvm;
import io.tokenledger.projections.rebuild.ProjectionCatalog;
import io.tokenledger.projections.rebuild.RebuildableProjection;
import io.tokenledger.testdb.TestDatabase;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar's operator commands, run as an operator would beside a live server on the same database. */
class CommandLineTest extends LedgerIntegrationTest {

    /** A database no command can reach: a command that started anything would exit 3, not as asserted. */
    private static final String NOWHERE = "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void helpStartsNothingAndListsEveryCommandAndExitCode() {
        Run help = run("--help", NOWHERE);
        Run verifyHelp = run("verify", "--help", NOWHERE);
        Run revokeHelp = run("tokens", "revoke", "--help", NOWHERE);

        assertThat(help.code).as(help.err).isZero();
        assertThat(help.out).contains("Usage:", "Exit codes:", "could not start");
        for (String command : new String[] {"migrate", "verify", "rebuild", "export", "verify-export", "prune",
                "stats", "clients", "users", "tokens", "keys", "encrypt-personal-data"}) {
            assertThat(help.out).contains("  " + command + " ");
        }
        assertThat(verifyHelp.code).isZero();
        assertThat(verifyHelp.out).contains("Usage: java -jar token-ledger.jar verify");
        assertThat(revokeHelp.out).contains("--token-id=<uuid>");
        assertThat(LedgerCommandLine.handles(new String[] {"--server.port=0", "--help"})).isTrue();
        assertThat(LedgerCommandLine.handles(new String[] {"--server.port=0", "--debug"})).isFalse();
        assertThat(LedgerCommandLine.handles(new String[0])).isFalse();
    }

    @Test
    void aUsageErrorIsExitTwoBeforeAnythingStarts() throws IOException {
        Path full = Files.createTempDirectory("full");
        Files.writeString(full.resolve("something"), "x");

        assertThat(run("rebuild", "nothing", NOWHERE)).satisfies(r -> usage(r, "one of clients, tokens"));
        assertThat(run("rebuild", "clients", "nothing", NOWHERE)).as("every name is checked before any rebuild")
                                                                  .satisfies(r -> usage(r, "named nothing"));
        assertThat(run("rebuild", NOWHERE)).satisfies(r -> usage(r, "Missing required parameter"));
        assertThat(run("verify", "--bogus", NOWHERE)).satisfies(r -> usage(r, "Unknown argument: --bogus"));
        assertThat(run("verify", "stray", NOWHERE)).satisfies(r -> usage(r, "Unknown argument: stray"));
        assertThat(run("clients")).satisfies(r -> usage(r, "one of list, show"));
        assertThat(run("tokens", "revoke", "--token-id", "not-a-uuid", NOWHERE)).satisfies(r -> usage(r, "UUID"));
        assertThat(run("export", full.toString(), NOWHERE)).satisfies(r -> usage(r, "not a new or empty"));
        assertThat(run("verify-export", full.resolve("absent").toString())).satisfies(r -> usage(r, "not a dir"));
        assertThat(run("verify-export", full.toString(), "--anchor-key=" + full.resolve("absent")))
                .satisfies(r -> usage(r, "--anchor-key: cannot read"));
        assertThat(run("verify-export", full.toString(), "--seal-key=0:not base64!"))
                .satisfies(r -> usage(r, "the seal key"));
    }

    /** The server takes only settings: a typo, a flag or a word goes to the command line, which starts nothing. */
    @Test
    void anythingButSettingsIsForTheCommandLineNeverTheServer() {
        String[] typo = {"verfy", NOWHERE};
        String[] flagFirst = {"-v", "verify", NOWHERE};
        String[] misspeltOption = {"users", "disable", "dave", "--operater=bob", NOWHERE};

        for (String[] args : new String[][] {typo, flagFirst, misspeltOption}) {
            assertThat(LedgerCommandLine.handles(args)).as(String.join(" ", args)).isTrue();
        }
        assertThat(run(typo)).satisfies(r -> usage(r, "Did you mean"));
        assertThat(run(flagFirst)).satisfies(r -> usage(r, "Unknown option: '-v'"));
        assertThat(run(misspeltOption)).satisfies(r -> usage(r, "Unknown argument: --operater=bob"));
    }

    /** Only migrate migrates, whatever SPRING_FLYWAY_ENABLED says; any other command refuses a schema that lags. */
    @Test
    void onlyMigrateMigrates() throws IOException {
        String empty = "--spring.datasource.url=" + TestDatabase.createEmpty().jdbcUrl();

        Run list = run("clients", "list", empty, "--spring.flyway.enabled=true");
        Run migrate = run("migrate", empty, "--spring.flyway.enabled=false");
        Run listAfter = run("clients", "list", empty);

        assertThat(list.code).as(list.err).isEqualTo(ExitCodes.CANNOT_START);
        assertThat(list.err).contains("the database schema is empty", "java -jar token-ledger.jar migrate");
        assertThat(migrate.code).as(migrate.err).isZero();
        assertThat(json.readTree(migrate.out).get("schema_version").asText()).isEqualTo(jdbc.queryForObject(
                "SELECT max(version::int)::text FROM flyway_schema_history", String.class));
        assertThat(listAfter.code).as(listAfter.err).isZero();
        assertThat(listAfter.out.strip()).isEqualTo("[]");
    }

    @Test
    void badConfigurationIsOneLineOnStandardErrorAndExitThree() {
        Run unreachable = run("clients", "list", NOWHERE);
        Run badRole = run("verify", url(), "--ledger.role=sideways");

        assertThat(unreachable.code).isEqualTo(ExitCodes.CANNOT_START);
        assertThat(unreachable.out).isEmpty();
        assertThat(unreachable.err.lines()).singleElement().asString()
                                          .startsWith("token-ledger clients list: cannot start:").contains("127.0.0.1:1");
        assertThat(badRole.code).isEqualTo(ExitCodes.CANNOT_START);
        assertThat(badRole.err.lines()).singleElement().asString().contains("ledger.role", "sideways");
    }

    @Test
    void theOperatorCommandsRunAgainstTheLiveLedgerWithClearExitCodes() {
        Run rebuild = run("rebuild", "clients", "tokens", url());
        Run verify = run("verify", url());
        Run migrate = run("migrate", url());
        Run prune = run("prune", url());
        Run stats = run("stats", url());

        assertThat(rebuild.code).as(rebuild.err).isZero();
        assertThat(rebuild.out.lines()).as("a result line per table, in the order given").hasSize(2)
                .satisfiesExactly(line -> assertThat(line).contains("\"projection\":\"clients\"", "\"state\":\"done\""),
                        line -> assertThat(line).contains("\"projection\":\"tokens\"", "\"state\":\"done\""));
        assertThat(rebuild.err).containsPattern("rebuild of clients: done, [0-9,]+ events at [0-9,]+ events/s")
                               .containsPattern("rebuild of tokens: done, [0-9,]+ events at [0-9,]+ events/s");
        assertThat(verify.code).as(verify.err).isZero();
        assertThat(verify.out).contains("\"status\":\"OK\"");
        assertThat(verify.err).containsPattern("verify: [0-9,]+ events walked in [0-9.]+ s");
        assertThat(migrate.out).containsPattern("\"schema_version\":\"[0-9]+\"");
        assertThat(prune.out).contains("\"tokens\":0", "\"authorization_codes\":0");
        assertThat(migrate.code).as(migrate.err).isZero();
        assertThat(stats.code).isZero();
        assertThat(stats.out).startsWith("[");
    }

    @Test
    void clientsAndUsersAreListedAndShownWithoutTheirSecrets() throws IOException {
        String admin = adminToken();
        ClientInformation billing = ledger.register(admin, "read");
        ledger.accessToken(LedgerClient.basic(billing), "read");
        ledger.createUser(admin, "carol", "a long passphrase for carol");

        Run list = run("clients", "list", url());
        Run show = run("clients", "show", billing.getID().getValue(), url());
        Run absent = run("clients", "show", "nobody", url());
        Run users = run("users", "list", url());

        assertThat(list.code).as(list.err).isZero();
        assertThat(json.readTree(list.out).findValuesAsText("client_id"))
                .contains(ADMIN_ID, billing.getID().getValue());
        JsonNode client = json.readTree(show.out);
        assertThat(client.get("scope").toString()).isEqualTo("[\"read\"]");
        assertThat(client.get("active_tokens").asLong()).isEqualTo(1);
        assertThat(absent.code).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(absent.err).contains("no client nobody");
        assertThat(json.readTree(users.out).findValuesAsText("username")).contains("carol");
        String secretHash = jdbc.queryForObject("SELECT client_secret FROM clients WHERE client_id = ?",
                String.class, billing.getID().getValue());
        String passwordHash = jdbc.queryForObject("SELECT password_hash FROM users WHERE username = 'carol'",
                String.class);
        assertThat(list.out + show.out + users.out).doesNotContain(secretHash, passwordHash, "\"client_secret\"",
                "password_hash");
    }

    @Test
    void anOperatorRevokesATokenByIdAndTheLedgerNamesThem() throws IOException {
        ClientAuthentication client = LedgerClient.basic(ledger.register(adminToken(), "read"));
        String token = ledger.accessToken(client, "read");
        String tokenId = ledger.introspect(client, token).getJWTID().getValue();

        Run revoked = run("tokens", "revoke", "--token-id", tokenId, "--operator", "alice", url());
        Run again = run("tokens", "revoke", "--token-id", tokenId, url());
        Run unknown = run("tokens", "revoke", "--token-id", UUID.randomUUID().toString(), url());

        assertThat(revoked.code).as(revoked.err).isZero();
        assertThat(json.readTree(revoked.out).get("outcome").asText()).isEqualTo("REVOKED");
        assertThat(ledger.introspect(client, token).isActive()).isFalse();
        String actor = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'actor' FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1""", String.class, tokenId);
        assertThat(json.readTree(actor)).isEqualTo(json.readTree("{\"kind\":\"operator\",\"id\":\"alice\"}"));
        assertThat(json.readTree(again.out).get("outcome").asText()).isEqualTo("ALREADY_REVOKED");
        assertThat(unknown.code).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void anOperatorDisablesAUserByNameAndTheLedgerNamesThem() throws IOException {
        ledger.createUser(adminToken(), "dave", "a long passphrase for dave");

        Run disabled = run("users", "disable", "dave", "--operator", "bob", url());
        Run listed = run("users", "list", url());
        Run unknown = run("users", "disable", "nobody", url());

        assertThat(disabled.code).as(disabled.err).isZero();
        assertThat(json.readTree(disabled.out).get("disabled_now").asBoolean()).isTrue();
        JsonNode dave = json.readTree(listed.out).findParents("username").stream()
                            .filter(user -> user.get("username").asText().equals("dave")).findFirst().orElseThrow();
        assertThat(dave.get("disabled_at").isNull()).isFalse();
        String actor = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'actor' FROM domain_event_entry
                WHERE payload_type LIKE '%UserDisabled' AND aggregate_identifier = ?""", String.class,
                dave.get("user_id").asText());
        assertThat(json.readTree(actor)).isEqualTo(json.readTree("{\"kind\":\"operator\",\"id\":\"bob\"}"));
        assertThat(unknown.code).isEqualTo(ExitCodes.NOT_FOUND);
    }

    /** GDPR Art. 17 at the command line: the person by name, a reason and a requester that do not name them. */
    @Test
    void anOperatorErasesAPersonWithAReasonAndTheirNameIsGone() throws IOException {
        ledger.createUser(adminToken(), "frieda", "a long passphrase for frieda");
        String userId = jdbc.queryForObject("SELECT user_id FROM users WHERE username = 'frieda'", String.class);

        Run naming = run("users", "erase", "frieda", "--reason", "frieda asked", "--requested-by", "desk", url());
        Run erased = run("users", "erase", "frieda", "--reason", "GDPR Art. 17 request", "--requested-by",
                "privacy desk, ticket 4711", "--operator", "bob", url());
        Run unreasoned = run("users", "erase", userId, url());

        assertThat(naming.code).isEqualTo(ExitCodes.FAILED);
        assertThat(naming.err).contains("names the person");
        assertThat(erased.code).as(erased.err).isZero();
        assertThat(json.readTree(erased.out).get("erased_now").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("SELECT username FROM users WHERE user_id = ?", String.class, userId))
                .isEqualTo("erased:" + userId);
        String record = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                WHERE payload_type LIKE '%UserErased' AND aggregate_identifier = ?""", String.class, userId);
        assertThat(json.readTree(record).get("requestedBy").asText()).isEqualTo("privacy desk, ticket 4711");
        assertThat(json.readTree(record).at("/actor/id").asText()).isEqualTo("bob");
        assertThat(unreasoned.code).as("--reason and --requested-by are required").isEqualTo(ExitCodes.USAGE);
    }

    /**
     * Issue 25's migration at the command line, on a ledger written encrypted: it reads every event, rewrites none,
     * says so on its last line, and records nothing. (PastEventsEncryptionTest rewrites a ledger written before.)
     */
    @Test
    void encryptingPersonalDataOfAnEncryptedLedgerRewritesNothing() throws IOException {
        long events = allEvents();

        Run encrypted = run("encrypt-personal-data", "--operator", "bob", url());

        assertThat(encrypted.code).as(encrypted.err).isZero();
        JsonNode result = json.readTree(encrypted.out);
        assertThat(result.get("events_read").asLong()).isPositive();
        assertThat(result.get("events_rewritten").asLong()).isZero();
        assertThat(encrypted.err).containsPattern("encrypt-personal-data: [0-9,]+ events read, 0 rewritten under 0 "
                + "statements, 0 left alone as unreadable, in [0-9.]+ s");
        assertThat(allEvents()).isEqualTo(events);
    }

    @Test
    void anOperatorSetsAUsersRolesAndTheLedgerNamesThem() throws IOException {
        ledger.createUser(adminToken(), "erin", "a long passphrase for erin");

        Run set = run("users", "roles", "erin", "auditor", "admin", "--operator", "bob", url());
        Run listed = run("users", "list", url());
        Run neither = run("users", "roles", "erin", url());
        Run unknown = run("users", "roles", "erin", "root", url());
        Run none = run("users", "roles", "erin", "--none", url());

        assertThat(set.code).as(set.err).isZero();
        assertThat(json.readTree(set.out).get("roles").toString()).isEqualTo("[\"auditor\",\"admin\"]");
        JsonNode erin = json.readTree(listed.out).findParents("username").stream()
                            .filter(user -> user.get("username").asText().equals("erin")).findFirst().orElseThrow();
        assertThat(erin.get("roles").toString()).isEqualTo("[\"auditor\",\"admin\"]");
        String actor = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'actor' FROM domain_event_entry
                WHERE payload_type LIKE '%UserRolesChanged' AND aggregate_identifier = ?
                ORDER BY sequence_number LIMIT 1""", String.class, erin.get("user_id").asText());
        assertThat(json.readTree(actor)).isEqualTo(json.readTree("{\"kind\":\"operator\",\"id\":\"bob\"}"));
        assertThat(neither).satisfies(r -> usage(r, "--none"));
        assertThat(unknown.code).isEqualTo(ExitCodes.FAILED);
        assertThat(unknown.err).contains("unknown role");
        assertThat(none.code).as(none.err).isZero();
        assertThat(json.readTree(none.out).get("roles").size()).isZero();
    }

    @Test
    void anOperatorRotatesTheSigningKeys() throws IOException {
        String before = jdbc.queryForObject("""
                SELECT kid FROM signing_keys WHERE activated_at IS NOT NULL AND retired_at IS NULL""", String.class);

        Run rotated = run("keys", "rotate", "--operator", "carol", url());

        assertThat(rotated.code).as(rotated.err).isZero();
        JsonNode result = json.readTree(rotated.out);
        assertThat(result.get("retired").get(0).asText()).isEqualTo(before);
        assertThat(jdbc.queryForObject("""
                SELECT kid FROM signing_keys WHERE activated_at IS NOT NULL AND retired_at IS NULL""", String.class))
                .isEqualTo(result.get("kid").asText());
    }

    /** An export verifies offline with no database; altered after it left the server, it does not. */
    @Test
    void anExportVerifiesOfflineAndAnAlteredOneDoesNot() throws IOException {
        Path directory = Files.createTempDirectory("export").resolve("ledger");

        Run export = run("export", directory.toString(), url());
        Run verified = run("verify-export", directory.toString(), "--seal-key=" + sealKey(),
                "--anchor-key=" + directory.resolve("anchor-key.pem"));
        Path events = directory.resolve("events.ndjson");
        Files.writeString(events, Files.readString(events)
                                       .replaceFirst("\"sequence_number\":0", "\"sequence_number\":7"));
        Path keyFile = Files.writeString(Files.createTempFile("seal", ".key"), sealKey() + "\n");
        Run altered = run("verify-export", directory.toString(), "--seal-key-file=" + keyFile);

        assertThat(export.code).as(export.err).isZero();
        assertThat(export.out).contains("\"events\":");
        assertThat(export.err).contains("exported");
        assertThat(verified.code).as(verified.out + verified.err).isZero();
        assertThat(verified.out).contains("\"status\":\"OK\"");
        assertThat(altered.code).isEqualTo(ExitCodes.FAILED);
        assertThat(altered.out).contains("\"status\":\"ALTERED\"");
    }

    /**
     * As an operator runs it, in a process of its own: {@code verify | jq} reads one JSON line, whatever the server
     * logs, and a start that fails is one line on standard error.
     */
    @Test
    void theProcessPrintsOnlyTheResultOnStandardOutputAndAFailedStartInOneLine() throws Exception {
        Process verify = process("verify", url(), "--verbose");
        Process unreachable = process("verify", NOWHERE);

        assertThat(verify.code).as(verify.err).isZero();
        assertThat(verify.out.lines()).singleElement().satisfies(
                line -> assertThat(json.readTree(line).get("status").asText()).isEqualTo("OK"));
        assertThat(verify.err).as("the logs, at INFO with --verbose").contains("Started TokenLedgerApplication");
        assertThat(unreachable.code).isEqualTo(ExitCodes.CANNOT_START);
        assertThat(unreachable.out).isEmpty();
        assertThat(unreachable.err.lines()).singleElement().asString()
                                           .startsWith("token-ledger verify: cannot start: Connection to 127.0.0.1:1");
    }

    /** The commands that read the database start it and nothing of Axon's, which is what makes them fast. */
    @Test
    void aDatabaseCommandStartsNoEventStore() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DatabaseOnly.class)
                .web(WebApplicationType.NONE).run(url())) {
            assertThat(context.getBeanNamesForType(EventStore.class)).isEmpty();
            assertThat(context.getBean(HikariDataSource.class).getJdbcUrl()).isEqualTo(url().split("=", 2)[1]);
        }
    }

    /** The rebuild command checks a name before any bean exists: its list is the catalog's. */
    @Test
    void theNamesRebuildAcceptsAreTheCatalogs(@Autowired ProjectionCatalog catalog) {
        assertThat(catalog.all().stream().map(RebuildableProjection::name).toList())
                .isEqualTo(ProjectionCatalog.NAMES);
    }

    private static void usage(Run run, String message) {
        assertThat(run.code).as(run.err).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err).contains(message);
        assertThat(run.out).isEmpty();
    }

    private String url() {
        return "--spring.datasource.url=" + ((HikariDataSource) jdbc.getDataSource()).getJdbcUrl();
    }

    /** The seal key every server of the tests uses (src/test/resources/application.properties). */
    private static String sealKey() throws IOException {
        Properties settings = new Properties();
        try (var in = CommandLineTest.class.getResourceAsStream("/application.properties")) {
            settings.load(in);
        }
        return settings.getProperty("ledger.seal-key");
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LedgerCommandLine.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String out, String err) {
    }

    /** The server's main class in a JVM of its own, with the tests' classpath and settings. */
    private static Process process(String... args) throws IOException, InterruptedException {
        List<String> command = ServerJvm.command(args);
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        java.lang.Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                                                               .redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not end: " + Files.readString(err));
        }
        return new Process(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private record Process(int code, String out, String err) {
    }
}
