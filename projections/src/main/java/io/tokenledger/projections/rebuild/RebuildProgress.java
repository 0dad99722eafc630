package io.tokenledger.projections.rebuild;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a rebuild stands.
 *
 * @param state            {@code running}, {@code done} or {@code failed}
 * @param rowsChanged      rows of the live table the rebuild found different and replaced
 * @param rowsRemoved      rows the events do not account for (or retention pruned), removed
 * @param rowsAdded        rows missing from the live table, added
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RebuildProgress(String projection, String state, long eventsDone, long eventsTotal,
                              double eventsPerSecond, Long secondsLeft, Instant startedAt, Instant finishedAt,
                              Long rowsChanged, Long rowsRemoved, Long rowsAdded, String error) {

    static RebuildProgress running(String projection, long done, long total, Instant startedAt, Instant now) {
        double seconds = Math.max(0.001, Duration.between(startedAt, now).toMillis() / 1000.0);
        double rate = done / seconds;
        Long left = rate == 0 ? null : (long) Math.ceil(Math.max(0, total - done) / rate);
        return new RebuildProgress(projection, "running", done, total, Math.round(rate), left, startedAt, null, null,
                null, null, null);
    }

    RebuildProgress done(long changed, long removed, long added, Instant at) {
        return new RebuildProgress(projection, "done", eventsDone, eventsTotal, eventsPerSecond, 0L, startedAt, at,
                changed, removed, added, null);
    }

    RebuildProgress failed(String why, Instant at) {
        return new RebuildProgress(projection, "failed", eventsDone, eventsTotal, eventsPerSecond, null, startedAt, at,
                null, null, null, why);
    }
}
