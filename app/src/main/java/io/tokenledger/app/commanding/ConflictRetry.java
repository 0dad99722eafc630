package io.tokenledger.app.commanding;

import org.axonframework.modelling.command.ConcurrencyException;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sends a command again when another node appended to the same aggregate first. Within a node Axon serialises
 * commands per aggregate; across nodes the event table's unique (aggregate, sequence) refuses the later append,
 * and nothing of it is written. Trying again reloads the aggregate with the winner's events, so the command is
 * decided on what really happened first: a second redemption of a code becomes a replay, not a conflict.
 * <p>
 * While both nodes hold commands for one aggregate, about every other attempt loses, so any fixed number of
 * attempts is sometimes too few (eight were, in CI, with fifty redemptions of one code). The bound is therefore
 * time: the commands queued for one aggregate drain within it, and only a conflict lasting longer reaches the
 * client, as a 409 it may retry. Each retry first waits a random few milliseconds, up to twice as long as the
 * last, so two nodes do not keep colliding in step.
 */
public final class ConflictRetry {

    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** Waits grow 2, 4, 8, 16 ms and then stay at 32 ms at most: a few commands' time. */
    private static final int LONGEST_WAIT_DOUBLINGS = 5;

    private ConflictRetry() {
    }

    public static <T> T send(Supplier<T> command) {
        return send(command, DEADLINE);
    }

    public static <T> T send(Supplier<T> command, Duration deadline) {
        long giveUpAt = System.nanoTime() + deadline.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return command.get();
            } catch (ConcurrencyException e) {
                if (System.nanoTime() - giveUpAt >= 0) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        long longest = 1L << Math.min(attempt, LONGEST_WAIT_DOUBLINGS);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, longest + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a command", interrupted);
        }
    }
}
