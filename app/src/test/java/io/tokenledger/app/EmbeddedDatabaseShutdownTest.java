package io.tokenledger.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping a server on its embedded database (SIGTERM, as an operator or a container runtime would) closes the
 * processors before the database: no connection errors on the way out. On the way in it says where its data is.
 */
class EmbeddedDatabaseShutdownTest {

    @TempDir
    Path dir;

    @Test
    void aStoppedServerShutsItsEmbeddedDatabaseDownLast() throws Exception {
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TokenLedgerApplication.class.getName(),
                "--server.port=0", "--ledger.data-dir=" + dir.resolve("data"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLine(log, "this node serves", Duration.ofSeconds(90));
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        } finally {
            server.destroyForcibly();
        }
        assertThat(Files.readString(log)).as("it says where it keeps the ledger")
                                         .contains("starting the embedded PostgreSQL with its data in "
                                                 + dir.resolve("data").toAbsolutePath());
        List<String> afterStop = linesAfter(log, "Commencing graceful shutdown");
        assertThat(afterStop).as("the shutdown was logged").isNotEmpty();
        assertThat(afterStop).filteredOn(line -> line.contains(" WARN ") || line.contains(" ERROR ")).isEmpty();
    }

    private static void awaitLine(Path log, String text, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (!Files.readString(log).contains(text)) {
            assertThat(Instant.now()).as("server started; log:%n%s", Files.readString(log)).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static List<String> linesAfter(Path log, String marker) throws IOException {
        List<String> lines = Files.readAllLines(log);
        int from = 0;
        while (from < lines.size() && !lines.get(from).contains(marker)) {
            from++;
        }
        return lines.subList(from, lines.size());
    }
}
