package io.tokenledger.projections.integrity.verification;

import io.tokenledger.projections.integrity.ChainFixture;
import io.tokenledger.projections.integrity.sealing.AnchorSigner;
import io.tokenledger.projections.integrity.sealing.Anchorer;
import io.tokenledger.projections.integrity.sealing.LedgerIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** An export, verified with no database: with the seal keys as the server would, without them against the anchors. */
class ExportVerifierTest {

    private final ChainFixture ledger = new ChainFixture("k1:" + ChainFixture.randomKey());

    @Test
    void anUntouchedExportVerifiesWithAndWithoutTheSealKeys() throws IOException {
        Path export = anchoredExport();
        AnchorSigner trusted = AnchorSigner.verifying(ledger.signer.publicKeyPem());

        Verification keyed = new ExportVerifier().verify(export, ledger.seals, trusted, (what, done) -> { });
        Verification open = new ExportVerifier().verify(export, null, trusted, (what, done) -> { });

        assertThat(keyed.status()).as(keyed.detail()).isEqualTo("OK");
        assertThat(keyed.headDigest()).isEqualTo(ledger.verify().headDigest());
        assertThat(open.status()).as(open.detail()).isEqualTo("OK");
        assertThat(open.publicDigest()).isEqualTo(keyed.publicDigest());
        assertThat(keyed.chainLength()).isEqualTo(4);
    }

    /** The export itself altered after it left the server: an event's payload changed in the file. */
    @Test
    void anEventAlteredInTheExportIsNamed() throws IOException {
        Path export = anchoredExport();
        Path events = export.resolve(LedgerExport.EVENTS);
        String rows = Files.readString(events);
        String second = rows.split("\n")[1];
        String payload = second.replaceAll(".*\"payload\":\"([^\"]+)\".*", "$1");
        Files.writeString(events, rows.replace(second, second.replace(payload, "e30=")));

        Verification keyed = new ExportVerifier().verify(export, ledger.seals, null, (what, done) -> { });
        Verification open = new ExportVerifier().verify(export, null, null, (what, done) -> { });

        assertThat(keyed.status()).isEqualTo("ALTERED");
        assertThat(keyed.position()).isEqualTo(2);
        assertThat(open.status()).as("the public digests no longer follow").isEqualTo("CHAIN_BROKEN");
    }

    @Test
    void anchorsCheckedWithAKeyTheAuditorDoesNotTrustAreNamed() throws IOException {
        Path export = anchoredExport();
        AnchorSigner other = AnchorSigner.loadOrCreate(Files.createTempDirectory("other").resolve("key.pem"));

        Verification result = new ExportVerifier().verify(export, null, AnchorSigner.verifying(other.publicKeyPem()),
                (what, done) -> { });

        assertThat(result.status()).isEqualTo("ANCHOR_INVALID");
    }

    private Path anchoredExport() throws IOException {
        ledger.appendStream(2);
        ledger.append();
        ledger.append();
        new Anchorer(ledger.anchors(), ledger.signer, ledger.clock, 1, Duration.ofMinutes(1),
                LedgerIdentity.of(ledger.jdbc)).offer(ledger.link());
        Path export = Files.createTempDirectory("export");
        new LedgerExport(ledger.jdbc, new DataSourceTransactionManager(ledger.data), ledger.anchors(), ledger.signer,
                ledger.clock).export(export, (what, done) -> { });
        return export;
    }
}
