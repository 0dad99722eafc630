package io.tokenledger.projections.rebuild;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What GET /admin/projections and the log say while a rebuild runs: done of total, the rate, the time left. */
class RebuildProgressTest {

    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void theRateAndTimeLeftFollowFromWhatIsDoneSoFar() {
        RebuildProgress progress = RebuildProgress.running("tokens", 30_000, 100_000, START, START.plusSeconds(2));

        assertThat(progress.state()).isEqualTo("running");
        assertThat(progress.eventsPerSecond()).isEqualTo(15_000);
        assertThat(progress.secondsLeft()).as("70,000 events at 15,000/s, rounded up").isEqualTo(5L);
    }

    @Test
    void beforeTheFirstBatchNoTimeLeftIsGuessed() {
        assertThat(RebuildProgress.running("tokens", 0, 100_000, START, START).secondsLeft()).isNull();
    }

    @Test
    void aFinishedRebuildKeepsItsRateAndSaysWhatItCorrected() {
        RebuildProgress done = RebuildProgress.running("tokens", 100_000, 100_000, START, START.plusSeconds(4))
                                              .done(1, 2, 3, START.plusSeconds(5));

        assertThat(done.state()).isEqualTo("done");
        assertThat(done.eventsPerSecond()).isEqualTo(25_000);
        assertThat(done.secondsLeft()).isZero();
        assertThat(done.finishedAt()).isEqualTo(START.plusSeconds(5));
        assertThat(new long[]{done.rowsChanged(), done.rowsRemoved(), done.rowsAdded()}).containsExactly(1, 2, 3);
    }
}
