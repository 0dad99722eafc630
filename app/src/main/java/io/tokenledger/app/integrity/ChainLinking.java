package io.tokenledger.app.integrity;

import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.projections.ProcessorFailures;
import io.tokenledger.projections.integrity.sealing.Anchorer;
import io.tokenledger.projections.integrity.sealing.ChainHead;
import io.tokenledger.projections.integrity.sealing.LedgerChainer;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

/**
 * Runs the chain on serving nodes that run the streaming projections: links what the event table holds, batch after
 * batch while there is more, then anchors the head when an anchor is due; and anchors the last head when the node
 * stops. One node links at a time (the chainer's lock); each anchors the heads it made. Operator commands, which serve
 * no HTTP, neither link nor anchor: they may run with other settings than the nodes, in another directory.
 */
@Component
public class ChainLinking {

    private static final Logger log = LoggerFactory.getLogger(ChainLinking.class);

    private final LedgerChainer chainer;
    private final Anchorer anchorer;
    private final LedgerProperties ledger;
    private final IntegrityProperties integrity;
    private final ProcessorFailures failures;
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private volatile ChainHead made;
    private ScheduledFuture<?> task;

    public ChainLinking(LedgerChainer chainer, Anchorer anchorer, LedgerProperties ledger,
                        IntegrityProperties integrity, ProcessorFailures failures) {
        this.chainer = chainer;
        this.anchorer = anchorer;
        this.ledger = ledger;
        this.integrity = integrity;
        this.failures = failures;
        scheduler.setThreadNamePrefix("ledger-chain-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(10);
    }

    @EventListener
    public synchronized void start(ApplicationReadyEvent ready) {
        if (!ledger.role().runsStreamingProjections() || task != null
            || !(ready.getApplicationContext() instanceof WebServerApplicationContext)) {
            return;
        }
        scheduler.initialize();
        task = ((TaskScheduler) scheduler).scheduleWithFixedDelay(this::linkAll, integrity.chainPollInterval());
    }

    /** Links until the event table has nothing more to link now, then anchors if due. */
    public void linkAll() {
        try {
            Optional<ChainHead> head = chainer.linkBatch();
            while (head.isPresent() && (made == null || head.get().position() > made.position())) {
                made = head.get();
                head = chainer.linkBatch();
            }
            if (made != null) {
                anchorer.offer(made);
            }
        } catch (RuntimeException e) {
            failures.failed(LedgerChainer.NAME);
            log.warn("linking the chain failed, will retry: {}", e.getMessage());
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (task == null) {
            return;
        }
        task.cancel(false);
        scheduler.shutdown();
        try {
            if (made != null) {
                anchorer.anchorNow(made);
            }
        } catch (RuntimeException e) {
            log.warn("could not anchor the chain's head at shutdown: {}", e.getMessage());
        }
    }
}
