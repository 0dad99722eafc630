package io.tokenledger.projections.integrity.sealing;

import io.tokenledger.projections.integrity.ChainFixture;
import io.tokenledger.projections.integrity.verification.Verification;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The chain accounts for every position, in order, with links no one without the key can make. */
class LedgerChainerTest {

    private final ChainFixture ledger = new ChainFixture("k1:" + ChainFixture.randomKey());

    @Test
    void linksEveryEventInPositionOrderAndTheChainVerifies() {
        ledger.append();
        ledger.append();
        ledger.append();

        ChainHead head = ledger.link();

        assertThat(head.position()).isEqualTo(3);
        assertThat(ledger.links()).containsExactly("E 1-1", "E 2-2", "E 3-3");
        Verification result = ledger.verify();
        assertThat(result.status()).as(result.detail()).isEqualTo("OK");
        assertThat(result.chainLength()).isEqualTo(3);
        assertThat(result.headDigest()).isEqualTo(head.digest());
    }

    /**
     * A position taken by a transaction that has not committed yet is waited for; one that never takes an event
     * (a rollback) is linked as empty once the gap timeout has passed, and a row that appears there later is named.
     */
    @Test
    void aPositionThatStaysEmptyIsLinkedAsEmptyAfterTheGapTimeoutAndARowThereLaterIsNamed() {
        ledger.append();
        long skipped = ledger.skipPosition();
        ledger.append();

        assertThat(ledger.link().position()).as("waits at the gap").isEqualTo(skipped - 1);
        ledger.clock.pass(ChainFixture.GAP_TIMEOUT.minusSeconds(1));
        assertThat(ledger.link().position()).as("still within the timeout").isEqualTo(skipped - 1);
        ledger.clock.pass(Duration.ofSeconds(1));
        assertThat(ledger.link().position()).isEqualTo(skipped + 1);
        assertThat(ledger.links()).containsExactly("E 1-1", "0 2-2", "E 3-3");
        assertThat(ledger.verify().status()).isEqualTo("OK");

        ledger.insertCopy(skipped, 1, true);
        Verification result = ledger.verify();
        assertThat(result.status()).isEqualTo("INSERTED");
        assertThat(result.position()).isEqualTo(skipped);
    }

    /**
     * A gap behind an event appended longer ago than the gap timeout is linked at once, as when a ledger is linked
     * afresh after an upgrade: no transaction that took its position can commit any more.
     */
    @Test
    void aGapBehindAnOldEventIsLinkedAsEmptyAtOnce() {
        ledger.append();
        long skipped = ledger.skipPosition();
        ledger.append();
        ledger.clock.pass(ChainFixture.GAP_TIMEOUT.plusSeconds(1));

        assertThat(ledger.link().position()).isEqualTo(skipped + 1);
        assertThat(ledger.links()).containsExactly("E 1-1", "0 2-2", "E 3-3");
    }

    @Test
    void anEventThatCommitsLateWithinTheTimeoutIsLinkedAtItsPosition() {
        ledger.append();
        long late = ledger.skipPosition();
        ledger.append();
        assertThat(ledger.link().position()).isEqualTo(late - 1);

        long appended = ledger.append();
        ledger.jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?", late, appended);

        assertThat(ledger.link().position()).isEqualTo(late + 1);
        assertThat(ledger.links()).containsExactly("E 1-1", "E 2-2", "E 3-3");
        assertThat(ledger.verify().status()).isEqualTo("OK");
    }

    /** A row the chain finds without a seal is recorded as such: deleting it later does not hide it. */
    @Test
    void anUnsealedRowIsRecordedSoItsLaterRemovalStillShows() {
        ledger.append();
        long forged = ledger.skipPosition();
        ledger.insertCopy(forged, 1, false);
        ledger.link();
        ledger.jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", forged);

        assertThat(ledger.links()).containsExactly("E 1-1", "U 2-2");
        Verification result = ledger.verify();
        assertThat(result.status()).isEqualTo("INSERTED");
        assertThat(result.position()).isEqualTo(forged);
    }

    /** A row above the positions the ledger handed out did not come through it: never linked, and named. */
    @Test
    void aRowAboveTheHandedOutPositionsIsNeverLinked() {
        ledger.append();
        ledger.insertCopy(100_000, 1, true);
        ledger.clock.pass(ChainFixture.GAP_TIMEOUT.multipliedBy(2));

        assertThat(ledger.link().position()).isEqualTo(1);
        Verification result = ledger.verify();
        assertThat(result.status()).isEqualTo("INSERTED");
        assertThat(result.position()).isEqualTo(100000);
    }

    /** An event deleted in the moment before the chain links it leaves its stream without that sequence number. */
    @Test
    void anEventDeletedBeforeItIsLinkedLeavesASequenceGap() {
        List<Long> stream = ledger.appendStream(3);
        ledger.jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", stream.get(1));
        ledger.link();
        ledger.clock.pass(ChainFixture.GAP_TIMEOUT);
        ledger.link();

        assertThat(ledger.links()).as("linked as a rollback would be").contains("0 2-2");
        Verification result = ledger.verify();
        assertThat(result.status()).isEqualTo("SEQUENCE_GAP");
        assertThat(result.position()).isEqualTo(stream.get(0));
    }

    @Test
    void anEventLeftUnlinkedTooLongIsNamedStalled() {
        ledger.append();
        ledger.link();
        long waiting = ledger.append();
        assertThat(ledger.verify().status()).as("pending for a moment is normal").isEqualTo("OK");

        ledger.clock.pass(ChainFixture.STALL_AFTER.plusSeconds(1));

        Verification result = ledger.verify();
        assertThat(result.status()).isEqualTo("STALLED");
        assertThat(result.position()).isEqualTo(waiting);
        assertThat(result.pending()).isEqualTo(1);
    }

    /** New seals and links use the newest key; what older keys made still verifies while the server holds them. */
    @Test
    void afterRotationOldLinksAndSealsStillVerifyWithTheOldKeyHeld() {
        String first = "k1:" + ChainFixture.randomKey();
        ChainFixture rotated = new ChainFixture(first);
        rotated.append();
        rotated.link();
        String second = "k2:" + ChainFixture.randomKey();
        rotated.keys(first + "," + second);
        rotated.append();
        rotated.link();

        assertThat(rotated.jdbc.queryForList("SELECT key_id FROM ledger_chain ORDER BY last_position", String.class))
                .containsExactly("k1", "k2");
        assertThat(rotated.jdbc.queryForList("SELECT seal_key_id FROM domain_event_entry ORDER BY global_index",
                String.class)).containsExactly("k1", "k2");
        assertThat(rotated.verify().status()).isEqualTo("OK");

        rotated.keys(second);
        Verification withoutTheOldKey = rotated.verify();
        assertThat(withoutTheOldKey.status()).isEqualTo("CHAIN_BROKEN");
        assertThat(withoutTheOldKey.detail()).contains("k1");
    }

    @Test
    void oneNodeLinksAtATime() throws Exception {
        ledger.append();
        try (Connection other = ledger.data.getConnection()) {
            other.setAutoCommit(false);
            other.createStatement().execute("SELECT pg_advisory_xact_lock(hashtext('ledger_chain'))");
            assertThat(ledger.chainer.linkBatch()).as("another node is linking").isEmpty();
            other.rollback();
        }
        assertThat(ledger.chainer.linkBatch()).get().extracting(ChainHead::position).isEqualTo(1L);
    }
}
