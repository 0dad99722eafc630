package io.tokenledger.app.token;

import org.axonframework.modelling.command.ConcurrencyException;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sends a command again when another node appended to the same aggregate first. Within a node Axon serialises
 * commands per aggregate; across nodes the event table's unique (aggregate, sequence) refuses the later append,
 * and nothing of it is written. Trying again reloads the aggregate with the winner's events, so the command is
 * decided on what really happened first: a second redemption of a code becomes a replay, not a conflict. Two nodes
 * busy with one aggregate would otherwise keep colliding in step, so each retry first waits a few random
 * milliseconds, longer each time.
 */
final class ConflictRetry {

    private static final int ATTEMPTS = 8;

    private ConflictRetry() {
    }

    static <T> T send(Supplier<T> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return command.get();
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a command", interrupted);
        }
    }
}
