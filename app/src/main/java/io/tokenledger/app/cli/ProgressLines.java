package io.tokenledger.app.cli;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A progress line every few seconds while a long command runs (verify or rebuild of 10M events takes minutes, and an
 * operator sees it move), written by a daemon thread until closed.
 */
final class ProgressLines implements AutoCloseable {

    private static final Duration EVERY = Duration.ofSeconds(5);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "command-progress");
        thread.setDaemon(true);
        return thread;
    });

    ProgressLines(Runnable line) {
        timer.scheduleAtFixedRate(line, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
