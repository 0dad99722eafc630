package io.tokenledger.app.commanding;

import io.tokenledger.projections.ProcessorFailures;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The commands a streaming processor's handler sends for an event: each commits on its own, in a thread with no unit
 * of work of the processor's around it, so one event's many commands are not one long transaction. The processor's
 * position moves past the event only once they are all done; after a crash the event is handled again, and the
 * handler must make the commands already done record nothing the second time.
 */
public final class ProcessorCommands implements AutoCloseable {

    /** Events a processor from the head handles before it stores its position. */
    static final int BATCH = 100;

    private final ExecutorService worker;

    public ProcessorCommands(String processor) {
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, processor + "-commands");
            // Never what keeps a JVM running: an operator command that ends without closing its context must exit.
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the sending in the worker and waits for it. */
    public void send(Runnable sending) {
        CompletableFuture.runAsync(sending, worker).join();
    }

    /** Stops the worker with the context. */
    @Override
    public void close() {
        worker.shutdownNow();
    }

    /**
     * A pooled streaming processor of its own for such a handler, starting where the ledger is when it is first
     * created (what happened before is history, not work to do), with no transaction around the commands. Up to
     * {@link #BATCH} events a batch: its position is stored once a batch rather than after every event, each store a
     * commit of its own (at one a batch, the processor of exchanged tokens caught up at ~750 events/s and cost every
     * issuance one more commit). After a crash a batch is handled again, which these handlers allow.
     */
    public static ConfigurerModule processorFromTheHead(String name, ProcessorFailures failures) {
        return configurer -> configurer.eventProcessing()
                .registerPooledStreamingEventProcessor(name,
                        c -> c.eventStore(),
                        (c, builder) -> builder.initialToken(StreamableMessageSource::createHeadToken)
                                               .transactionManager(NoTransactionManager.INSTANCE)
                                               .initialSegmentCount(1).batchSize(BATCH))
                .registerErrorHandler(name, c -> failures.handlerFor(name));
    }
}
