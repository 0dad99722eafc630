package io.tokenledger.projections.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The events from a position up to a bound, a batch at a time, the next batch read and deserialized on a thread of
 * its own while the caller writes the current one: a rebuild spent as long reading as writing (docs/performance.md).
 */
final class ReadAhead implements AutoCloseable {

    /** How long to wait for the store to answer whether more events exist, so none committed a moment ago is missed. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final BlockingStream<TrackedEventMessage<?>> stream;
    private final long until;
    private final int batchSize;
    private final ExecutorService reader;
    private Future<List<TrackedEventMessage<?>>> next;
    /** Read and written by the reader's thread only. */
    private boolean reached;

    /** Reads from {@code from} until an event at or past position {@code until}, or the end of what is there. */
    ReadAhead(EventStore events, TrackingToken from, long until, int batchSize) {
        this.stream = events.openStream(from);
        this.until = until;
        this.batchSize = batchSize;
        this.reader = Executors.newSingleThreadExecutor(task -> new Thread(task, "rebuild-read-ahead"));
        this.next = reader.submit(this::read);
    }

    /** The next batch, empty at the end. */
    List<TrackedEventMessage<?>> next() throws InterruptedException {
        List<TrackedEventMessage<?>> batch;
        try {
            batch = next.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("reading the event store failed", e.getCause());
        }
        if (!batch.isEmpty()) {
            next = reader.submit(this::read);
        }
        return batch;
    }

    private List<TrackedEventMessage<?>> read() throws InterruptedException {
        List<TrackedEventMessage<?>> batch = new ArrayList<>(batchSize);
        while (!reached && batch.size() < batchSize
                && stream.hasNextAvailable((int) POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            TrackedEventMessage<?> event = stream.nextAvailable();
            deserialize(event);
            batch.add(event);
            reached = event.trackingToken().position().orElse(Long.MAX_VALUE) >= until;
        }
        return batch;
    }

    private static void deserialize(TrackedEventMessage<?> event) {
        try {
            event.getPayload();
        } catch (RuntimeException e) {
            throw new IllegalStateException("reading event " + event.getIdentifier() + " failed", e);
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
        try {
            reader.awaitTermination(POLL.toMillis() * 10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stream.close();
        }
    }
}
