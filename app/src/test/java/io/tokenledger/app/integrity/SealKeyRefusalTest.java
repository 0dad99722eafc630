package io.tokenledger.app.integrity;

import io.tokenledger.app.TokenLedgerApplication;
import io.tokenledger.testdb.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A seal key kept in the database proves nothing against the database's writers: with a configured database the
 * server refuses to start without {@code LEDGER_SEAL_KEY}, saying why, unless told it is a development ledger.
 */
@ExtendWith(OutputCaptureExtension.class)
class SealKeyRefusalTest {

    private final TestDatabase db = TestDatabase.create();

    @Test
    void aConfiguredDatabaseWithoutASealKeyRefusesToStartAndSaysWhyInOneLine(CapturedOutput output) {
        assertThatThrownBy(() -> start("--ledger.seal-key=")).hasRootCauseInstanceOf(UnsafeSealKey.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
                          .contains("LEDGER_SEAL_KEY is not set: with a configured database the seal key must be "
                                    + "kept outside it, or a writer of the database could forge the ledger's proof\n")
                          .contains("LEDGER_SEAL_KEY_IN_DATABASE=true");
    }

    @Test
    void aDevelopmentLedgerMayKeepItsSealKeyInTheDatabaseWithAWarning(CapturedOutput output) {
        try (ConfigurableApplicationContext started = start("--ledger.seal-key=",
                "--ledger.seal-key-in-database=true")) {
            assertThat(started.isRunning()).isTrue();
        }
        assertThat(output).contains("LEDGER_SEAL_KEY is not set: the events' seal key is kept in the database");
    }

    @Test
    void aMalformedSealKeyIsRefusedWithItsReason() {
        assertThatThrownBy(() -> start("--ledger.seal-key=k1:c2hvcnQ=")).rootCause()
                .hasMessage("LEDGER_SEAL_KEY: key k1 must be at least 32 bytes, base64-encoded");
    }

    private ConfigurableApplicationContext start(String... settings) {
        String[] args = Stream.concat(Stream.of("--spring.datasource.url=" + db.jdbcUrl(), "--server.port=0",
                "--spring.datasource.hikari.maximum-pool-size=4", "--ledger.admin-client-id=ops",
                "--ledger.admin-client-secret=ops-secret-0123"), Arrays.stream(settings)).toArray(String[]::new);
        return new SpringApplicationBuilder(TokenLedgerApplication.class).run(args);
    }
}
