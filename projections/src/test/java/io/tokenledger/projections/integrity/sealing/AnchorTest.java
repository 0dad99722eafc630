package io.tokenledger.projections.integrity.sealing;

import io.tokenledger.projections.integrity.ChainFixture;
import io.tokenledger.projections.integrity.verification.Verification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Anchors: written when due, whole or not at all, checked by their signature and their ledger. */
class AnchorTest {

    private final ChainFixture ledger = new ChainFixture("k1:" + ChainFixture.randomKey());
    private final Anchorer anchorer = new Anchorer(ledger.anchors(), ledger.signer, ledger.clock, 3,
            Duration.ofMinutes(1), LedgerIdentity.of(ledger.jdbc));

    @Test
    void anAnchorIsWrittenEveryNPositionsOrAfterTheIntervalIfTheChainMoved() {
        ledger.append();
        assertThat(anchorer.offer(ledger.link())).as("the first head").isPresent();
        ledger.append();
        assertThat(anchorer.offer(ledger.link())).as("one position on, within the interval").isEmpty();
        ledger.clock.pass(Duration.ofMinutes(1));
        assertThat(anchorer.offer(ledger.link())).as("the interval passed").isPresent();
        assertThat(anchorer.offer(ledger.link())).as("the chain has not moved").isEmpty();
        ledger.append();
        ledger.append();
        ledger.append();
        assertThat(anchorer.offer(ledger.link())).as("three positions on").isPresent();

        assertThat(ledger.anchors().all()).extracting(Anchor::position).containsExactly(1L, 2L, 5L);
        Verification result = ledger.verify();
        assertThat(result.status()).as(result.detail()).isEqualTo("OK");
        assertThat(result.anchor().position()).isEqualTo(5);
    }

    /** A crash while writing leaves a partial file under another name, which is never read as an anchor. */
    @Test
    void aTornWriteIsNeverTakenForAnAnchor() throws IOException {
        ledger.append();
        anchorer.offer(ledger.link());
        Files.writeString(ledger.anchorDir.resolve(".anchor-0000000000000000009.json.partial"), "{\"position\":");

        assertThat(ledger.anchors().newest()).get().extracting(Anchor::position).isEqualTo(1L);
        assertThat(ledger.verify().status()).isEqualTo("OK");
    }

    @Test
    void anAnchorWithAForgedSignatureIsNamed() throws IOException {
        ledger.append();
        Anchor anchor = anchorer.offer(ledger.link()).orElseThrow();
        Path file = ledger.anchorDir.resolve("anchor-%019d.json".formatted(anchor.position()));
        Files.writeString(file, Files.readString(file).replace(anchor.digest(), "00" + anchor.digest().substring(2)));

        Verification result = ledger.verify();
        assertThat(result.status()).isEqualTo("ANCHOR_INVALID");
        assertThat(result.detail()).contains("signature");
    }

    @Test
    void anchorsOfAnotherLedgerAreNamed() {
        ledger.append();
        anchorer.offer(ledger.link());
        ledger.jdbc.update("UPDATE ledger_settings SET value = 'another' WHERE name = 'ledger_id'");

        Verification result = ledger.verify();
        assertThat(result.status()).isEqualTo("ANCHOR_INVALID");
        assertThat(result.detail()).contains("belong to ledger");
    }

    /**
     * An operator who holds the seal key re-seals an altered event and links the whole chain again: every seal and
     * link is valid, but the anchor written before still names the history as it was.
     */
    @Test
    void anOperatorWithTheSealKeyWhoRewritesHistoryIsStillCaughtByTheAnchor() {
        ledger.append();
        ledger.append();
        Anchor anchor = anchorer.offer(ledger.link()).orElseThrow();
        ledger.jdbc.update("UPDATE domain_event_entry SET meta_data = convert_to('{\"rewritten\":true}', 'UTF8') "
                + "WHERE global_index = 1");
        StoredEvent rewritten = ledger.jdbc.queryForObject(StoredEvent.SELECT + " WHERE e.global_index = 1",
                (rs, n) -> StoredEvent.of(rs));
        ledger.jdbc.update("UPDATE domain_event_entry SET seal = ? WHERE global_index = 1",
                ledger.seals.atAppend(rewritten.row()));
        ledger.jdbc.update("DELETE FROM ledger_chain");
        ledger.link();

        Verification result = ledger.verify();
        assertThat(result.status()).isEqualTo("CHAIN_BROKEN");
        assertThat(result.position()).isEqualTo(anchor.position());
        assertThat(result.detail()).contains("the anchor of");
    }

    @Test
    void aTruncatedChainIsNamedAtTheAnchorItNoLongerReaches() {
        ledger.append();
        ledger.append();
        anchorer.offer(ledger.link());
        ledger.jdbc.update("DELETE FROM ledger_chain");
        ledger.jdbc.update("DELETE FROM domain_event_entry WHERE global_index = 2");
        ledger.link();

        Verification result = ledger.verify();
        assertThat(result.status()).isEqualTo("TRUNCATED");
        assertThat(result.position()).isEqualTo(2);
    }
}
