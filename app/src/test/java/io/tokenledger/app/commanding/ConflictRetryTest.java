package io.tokenledger.app.commanding;

import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry loop alone; TwoNodesGrantRaceTest shows it between two whole nodes. */
class ConflictRetryTest {

    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void aCommandThatLosesTwentyTimesInARowStillGetsThrough() {
        String outcome = ConflictRetry.send(losing(20));

        assertThat(outcome).isEqualTo("decided");
        assertThat(calls).hasValue(21);
    }

    @Test
    void aConflictOutlastingTheDeadlineReachesTheCallerAfterTheDeadline() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> ConflictRetry.send(losing(Integer.MAX_VALUE), Duration.ofMillis(200)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(calls.get()).isGreaterThan(1);
    }

    @Test
    void anyOtherFailureIsNotRetried() {
        assertThatThrownBy(() -> ConflictRetry.send(() -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("refused by the aggregate");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(calls).hasValue(1);
    }

    private Supplier<String> losing(int times) {
        return () -> {
            if (calls.incrementAndGet() <= times) {
                throw new ConcurrencyException("another node appended first");
            }
            return "decided";
        };
    }
}
