package io.tokenledger.app;

import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator commands run from the jar, with their exit codes. */
class OperatorCommandTest {

    @Test
    void rebuildAndVerifyRunFromTheJarWithClearExitCodes() {
        TestDatabase db = TestDatabase.create();
        String url = "--spring.datasource.url=" + db.jdbcUrl();
        String admin = "--ledger.admin-client-id=ops";

        Run rebuild = run("rebuild", "clients", url, admin, "--ledger.admin-client-secret=ops-secret-0123456789");
        Run verify = run("verify", url, admin);
        Run migrate = run("migrate", url, admin);
        Run prune = run("prune", url, admin);
        Run stats = run("stats", url, admin);
        Run unknown = run("rebuild", "nothing", url, admin);
        Run usage = run("rebuild");

        assertThat(rebuild.code).as(rebuild.output).isZero();
        assertThat(rebuild.output).contains("\"state\":\"done\"");
        assertThat(verify.code).as(verify.output).isZero();
        assertThat(verify.output).contains("\"status\":\"OK\"");
        assertThat(migrate.output).containsPattern("\"schema_version\":\"[0-9]+\"");
        assertThat(prune.output).contains("\"tokens\":0");
        assertThat(stats.code).isZero();
        assertThat(stats.output).startsWith("[");
        assertThat(unknown.code).isEqualTo(2);
        assertThat(usage.code).isEqualTo(2);
        assertThat(usage.output).contains("usage:");
    }

    /** An export verifies offline with no database; altered after it left the server, it does not. */
    @Test
    void anExportVerifiesOfflineAndAnAlteredOneDoesNot() throws IOException {
        TestDatabase db = TestDatabase.create();
        String url = "--spring.datasource.url=" + db.jdbcUrl();
        Path directory = Files.createTempDirectory("export").resolve("ledger");

        Run export = run("export", directory.toString(), url, "--ledger.admin-client-id=ops",
                "--ledger.admin-client-secret=ops-secret-0123456789");
        Run verified = run("verify-export", directory.toString(), "--seal-key=" + sealKey(),
                "--anchor-key=" + directory.resolve("anchor-key.pem"));
        Path events = directory.resolve("events.ndjson");
        Files.writeString(events, Files.readString(events)
                                       .replaceFirst("\"sequence_number\":0", "\"sequence_number\":7"));
        Run altered = run("verify-export", directory.toString(), "--seal-key=" + sealKey());
        Run usage = run("verify-export");

        assertThat(export.code).as(export.output).isZero();
        assertThat(export.output).contains("\"events\":1");
        assertThat(verified.code).as(verified.output).isZero();
        assertThat(verified.output).contains("\"status\":\"OK\"");
        assertThat(altered.code).isEqualTo(1);
        assertThat(altered.output).contains("\"status\":\"ALTERED\"");
        assertThat(usage.code).isEqualTo(2);
    }

    /** The seal key every server of the tests uses (src/test/resources/application.properties). */
    private static String sealKey() throws IOException {
        Properties settings = new Properties();
        try (var in = OperatorCommandTest.class.getResourceAsStream("/application.properties")) {
            settings.load(in);
        }
        return settings.getProperty("ledger.seal-key");
    }

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = OperatorCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Run(int code, String output) {
    }
}
