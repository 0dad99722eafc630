package io.tokenledger.app.token;

import io.tokenledger.app.oauth2.DatabaseUnavailable;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit: commands sent while others are being committed are handled together, each in a unit of work of
 * its own nested in one that commits them all in one transaction. Each keeps its own message, metadata and events;
 * what they share is the transaction, so the event rows and the projections' rows of a group are written as one
 * JDBC batch each and committed once. No command waits for company: a sender whose command finds a committer free
 * is handled at once, alone, and company only forms while the database is busy committing.
 * <p>
 * A sender is answered only after the group's transaction committed. When the group fails as a whole, each of its
 * commands is handled again alone, so one command's failure is its own; a database that cannot be reached fails
 * them all at once instead.
 */
@Component
public class GroupCommit implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int LARGEST_GROUP = 64;

    private final CommandBus commandBus;
    private final TransactionManager transactions;
    private final List<MessageDispatchInterceptor<? super CommandMessage<?>>> interceptors;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ExecutorService committers;
    private final DistributionSummary groupSizes;

    public GroupCommit(CommandBus commandBus, TransactionManager transactions,
                       List<MessageDispatchInterceptor<? super CommandMessage<?>>> interceptors, MeterRegistry registry,
                       @Value("${ledger.group-commit-threads:0}") int configuredThreads) {
        if (configuredThreads < 0) {
            throw new IllegalArgumentException(
                    "ledger.group-commit-threads must be 0 (one per two cores) or more, was " + configuredThreads);
        }
        this.commandBus = commandBus;
        this.transactions = transactions;
        this.interceptors = interceptors;
        this.groupSizes = DistributionSummary.builder("ledger.group.commit.size")
                                             .description("commands committed in one transaction")
                                             .register(registry);
        registry.gauge("ledger.group.commit.waiting", queue, BlockingQueue::size);
        int threads = configuredThreads > 0 ? configuredThreads : defaultThreads();
        AtomicInteger count = new AtomicInteger();
        this.committers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "group-commit-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threads; i++) {
            committers.execute(this::commitGroups);
        }
    }

    /**
     * One committer per two cores: on two, a second committer made groups smaller and cost more per command than it
     * saved by overlapping one group's commit with the next group's handling (docs/performance.md).
     */
    private static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** Handles the command and returns its result once it is committed, as {@code CommandGateway.sendAndWait} does. */
    @SuppressWarnings("unchecked")
    public <R> R sendAndWait(Object command) {
        Pending pending = new Pending(intercepted(command), new CompletableFuture<>());
        queue.add(pending);
        try {
            return (R) pending.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a command to commit", e);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    /** The gateway's dispatch interceptors run in the sender's thread, which holds the request they read. */
    @SuppressWarnings("unchecked")
    private CommandMessage<?> intercepted(Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        for (MessageDispatchInterceptor<? super CommandMessage<?>> interceptor : interceptors) {
            message = (CommandMessage<?>) interceptor.handle(message);
        }
        return message;
    }

    private void commitGroups() {
        List<Pending> group = new ArrayList<>(LARGEST_GROUP);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, LARGEST_GROUP - 1);
            try {
                commit(group);
            } catch (RuntimeException | Error e) {
                // A sender must never wait for an answer that will not come, nor a committer stop for good.
                log.error("committing a group of {} commands failed", group.size(), e);
                group.forEach(pending -> pending.result().completeExceptionally(e));
            }
            group.clear();
        }
    }

    private void commit(List<Pending> group) {
        groupSizes.record(group.size());
        if (group.size() == 1) {
            handleAlone(group.get(0));
            return;
        }
        List<CommandResultMessage<?>> results = new ArrayList<>(group.size());
        try {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            unitOfWork.attachTransaction(transactions);
            unitOfWork.execute(() -> {
                group.forEach(pending -> commandBus.dispatch(pending.command(),
                        (command, result) -> results.add(result)));
                if (results.stream().anyMatch(CommandResultMessage::isExceptional)) {
                    // Its transaction is marked rollback-only already; each command's own failure is found alone.
                    throw new MemberFailed();
                }
            });
        } catch (RuntimeException e) {
            groupFailed(group, e);
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            complete(group.get(i), results.get(i));
        }
    }

    private void groupFailed(List<Pending> group, RuntimeException failure) {
        if (DatabaseUnavailable.isCause(failure)) {
            group.forEach(pending -> pending.result().completeExceptionally(failure));
            return;
        }
        group.forEach(this::handleAlone);
    }

    private void handleAlone(Pending pending) {
        commandBus.dispatch(pending.command(), (command, result) -> complete(pending, result));
    }

    private static void complete(Pending pending, CommandResultMessage<?> result) {
        if (result.isExceptional()) {
            pending.result().completeExceptionally(result.exceptionResult());
        } else {
            pending.result().complete(result.getPayload());
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("a command failed", failure);
    }

    @Override
    public void destroy() {
        committers.shutdownNow();
    }

    private static final class MemberFailed extends RuntimeException {
        MemberFailed() {
            super(null, null, false, false);
        }
    }

    private record Pending(CommandMessage<?> command, CompletableFuture<Object> result) {
    }
}
