package io.tokenledger.projections.integrity.verification;

import io.tokenledger.projections.integrity.ChainFixture;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A walk of a large ledger takes minutes (10M events: ~2), in one snapshot; the transactions' default timeout, which the
 * server sets for its requests (10 s), must not cut it off, nor an export's.
 */
class LedgerVerifierTimeoutTest {

    private static final int EVENTS = 45;
    private static final int PAUSE_MILLIS = 700;

    private final ChainFixture ledger = new ChainFixture("k1:" + ChainFixture.randomKey());

    @Test
    void aWalkLongerThanTheDefaultTransactionTimeoutRunsToItsEnd() {
        IntStream.range(0, EVENTS).forEach(event -> {
            ledger.append();
            ledger.link();
        });
        LedgerVerifier verifier = new LedgerVerifier(ledger.jdbc, oneSecondByDefault(), ledger.seals, ledger.anchors(),
                ledger.signer, ledger.clock, ChainFixture.STALL_AFTER);

        // Three pages of the chain's rows (twenty, twenty, five), the walk paused after the first two: 1.4 s in all.
        Verification result = verifier.verify(null, null, position -> pause());

        assertThat(result.status()).as(result.detail()).isEqualTo("OK");
        assertThat(result.chainLength()).isEqualTo(EVENTS);
    }

    @Test
    void anExportLongerThanTheDefaultTransactionTimeoutRunsToItsEnd() throws IOException {
        IntStream.range(0, EVENTS).forEach(event -> ledger.append());
        ledger.link();
        Path directory = Files.createTempDirectory("export");

        // Paused after the page of events and after that of chain rows, each followed by more reads: 1.4 s in all.
        ExportManifest manifest = new LedgerExport(ledger.jdbc, oneSecondByDefault(), ledger.anchors(), ledger.signer, ledger.clock)
                .export(directory, (what, done) -> pause());

        assertThat(manifest.events()).isEqualTo(EVENTS);
        assertThat(manifest.chainRows()).as("one row links them all").isEqualTo(1);
    }

    /** As the server's, whose default is 10 s, but shorter. */
    private DataSourceTransactionManager oneSecondByDefault() {
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(ledger.data);
        transactions.setDefaultTimeout(1);
        return transactions;
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
