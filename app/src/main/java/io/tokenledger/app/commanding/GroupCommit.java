package io.tokenledger.app.commanding;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tokenledger.events.grant.RefreshGrant;
import io.tokenledger.events.grant.RevokeGrant;
import io.tokenledger.events.token.RevokeToken;
import io.tokenledger.projections.RevocationCommit;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.callbacks.FutureCallback;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Group commit: commands sent while others are being committed are handled together, each in a unit of work of
 * its own nested in one that commits them all in one transaction. Each keeps its own message, metadata and events;
 * what they share is the transaction, so the event rows and the projections' rows of a group are written as one
 * JDBC batch each and committed once. No command waits for company: a sender whose command finds a committer free
 * is handled at once, alone, and company only forms while the database is busy committing.
 * <p>
 * A sender is answered only after its group committed. A command that fails fails alone: its nested unit of work
 * rolls back before its events reach the group. When the group itself fails (its append, a projection, the commit,
 * anything) before its COMMIT was sent, each sender handles its command again alone, in its own thread and
 * transaction, as {@code CommandGateway.sendAndWait} would have: a failure is its own, and the committer goes on at
 * once. Once its COMMIT was sent the database may hold the group, so each sender is told the failure instead.
 * <p>
 * A group holds at most one command per aggregate; another for the same aggregate waits for the next group. A
 * command that changed its aggregate in memory and then failed would otherwise leave it changed for a later command
 * of the group, whose events would then rest on events never written. Each aggregate's commands go to one committer,
 * so no two committers hold locks on aggregates the other waits for.
 */
@Component
public class GroupCommit implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int LARGEST_GROUP = 64;
    private static final CommandTargetResolver TARGETS = AnnotationCommandTargetResolver.builder().build();
    /** The commands whose events take something back, and so commit as {@code RevocationCommit} says. */
    private static final Set<Class<?>> TAKES_BACK = Set.of(RevokeToken.class, RevokeGrant.class, RefreshGrant.class);

    private final CommandBus commandBus;
    private final TransactionManager transactions;
    private final List<MessageDispatchInterceptor<? super CommandMessage<?>>> interceptors;
    private final List<BlockingQueue<Pending>> queues = new ArrayList<>();
    private final DistributionSummary groupSizes;
    private final boolean takingBackWaitsForStandbys;
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean closed;

    public GroupCommit(CommandBus commandBus, TransactionManager transactions,
                       List<MessageDispatchInterceptor<? super CommandMessage<?>>> interceptors, MeterRegistry registry,
                       @Value("${ledger.group-commit-threads:0}") int configuredThreads,
                       RevocationCommit revocationCommit) {
        if (configuredThreads < 0) {
            throw new IllegalArgumentException(
                    "ledger.group-commit-threads must be 0 (one per two cores) or more, was " + configuredThreads);
        }
        this.commandBus = commandBus;
        this.transactions = transactions;
        this.interceptors = interceptors;
        this.takingBackWaitsForStandbys = revocationCommit.waitsForStandbys();
        this.groupSizes = DistributionSummary.builder("ledger.group.commit.size")
                                             .description("commands committed in one transaction")
                                             .register(registry);
        Gauge.builder("ledger.group.commit.waiting", queues, GroupCommit::waiting)
             .description("commands queued for the next group commit").register(registry);
        int threads = configuredThreads > 0 ? configuredThreads : defaultThreads();
        for (int i = 1; i <= threads; i++) {
            BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            Thread committer = new Thread(() -> commitGroups(queue), "group-commit-" + i);
            committer.setDaemon(true);
            committers.add(committer);
            committer.start();
        }
    }

    /**
     * One committer per two cores: on two, a second committer made groups smaller and cost more per command than it
     * saved by overlapping one group's commit with the next group's handling (docs/performance.md).
     */
    private static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * Handles the command and returns its result once it is committed, as {@code CommandGateway.sendAndWait} does.
     * Like it, the wait cannot be interrupted: a command handed over is committed or refused, and its sender hears
     * which.
     */
    @SuppressWarnings("unchecked")
    public <R> R sendAndWait(Object command) {
        CommandMessage<?> message = intercepted(command);
        CommandResultMessage<?> result = waitsForStandbys(command) ? alone(message) : grouped(message);
        if (result.isExceptional()) {
            throw rethrown(result.exceptionResult());
        }
        return (R) result.getPayload();
    }

    /**
     * With {@code ledger.revocation.synchronous-commit} set, a revocation or a refresh commits only once the standbys
     * applied it ({@code RevocationCommit}), for up to its bound while one stalls. Grouped, each group would wait that
     * long in turn, and the requests queued behind it one bound per group; alone, each waits its own bound at most.
     */
    private boolean waitsForStandbys(Object command) {
        return takingBackWaitsForStandbys && TAKES_BACK.contains(command.getClass());
    }

    private CommandResultMessage<?> grouped(CommandMessage<?> message) {
        Pending pending = new Pending(message, target(message), new CompletableFuture<>());
        BlockingQueue<Pending> queue = queueFor(pending.target());
        queue.add(pending);
        if (closed && queue.remove(pending)) {
            handBack(List.of(pending));
        }
        return pending.outcome().join().orElseGet(() -> alone(message));
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

    /** The aggregate the command names, or null for one that names none, which may share a group with any. */
    private static String target(CommandMessage<?> message) {
        try {
            return TARGETS.resolveTarget(message).getIdentifier();
        } catch (IllegalArgumentException namesNone) {
            return null;
        }
    }

    private BlockingQueue<Pending> queueFor(String target) {
        int committer = target == null ? ThreadLocalRandom.current().nextInt(queues.size())
                : Math.floorMod(target.hashCode(), queues.size());
        return queues.get(committer);
    }

    private static double waiting(List<BlockingQueue<Pending>> queues) {
        return queues.stream().mapToInt(BlockingQueue::size).sum();
    }

    private CommandResultMessage<?> alone(CommandMessage<?> message) {
        FutureCallback<Object, Object> callback = new FutureCallback<>();
        commandBus.dispatch(message, callback);
        return callback.getResult();
    }

    private void commitGroups(BlockingQueue<Pending> queue) {
        List<Pending> later = new ArrayList<>();
        try {
            while (!closed) {
                List<Pending> group = new ArrayList<>(later);
                later.clear();
                if (group.isEmpty()) {
                    group.add(queue.take());
                }
                queue.drainTo(group, LARGEST_GROUP - group.size());
                later.addAll(repeatedAggregates(group));
                if (closed) {
                    // Taken after shutdown began, when the command bus may be going: each sender handles its own.
                    handBack(group);
                    return;
                }
                commitOrHandBack(group);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // This queue's aggregates have no other committer: their senders would wait for good.
            log.error("a committer stopped; the commands sent to it are handled alone from now on", e);
            closed = true;
        } finally {
            handBack(later);
            handBackQueued(List.of(queue));
        }
    }

    /** Takes out of the group, and returns, each command for an aggregate an earlier command of the group names. */
    private static List<Pending> repeatedAggregates(List<Pending> group) {
        Set<String> targets = new HashSet<>();
        List<Pending> repeated = new ArrayList<>();
        for (Iterator<Pending> pending = group.iterator(); pending.hasNext(); ) {
            Pending next = pending.next();
            if (next.target() != null && !targets.add(next.target())) {
                repeated.add(next);
                pending.remove();
            }
        }
        return repeated;
    }

    private void commitOrHandBack(List<Pending> group) {
        Commit commit = new Commit();
        try {
            commit(group, commit);
        } catch (Throwable e) {
            if (commit.began) {
                // The database may hold the group: handled again, a redemption would find its own code redeemed and
                // record a replay. Each sender hears the failure, as the gateway would have told it.
                log.warn("a group of {} commands failed as it committed; each sender is told: {}", group.size(),
                        e.toString());
                group.forEach(sender -> sender.outcome().complete(
                        Optional.of(GenericCommandResultMessage.asCommandResultMessage(e))));
            } else if (e instanceof ConcurrencyException) {
                // Another node appended to one of the group's aggregates first: its sender retries (ConflictRetry).
                log.debug("a group of {} commands lost a race; each is handled again alone: {}", group.size(),
                        e.toString());
                handBack(group);
            } else {
                // Nothing of it committed: each sender handles its command alone, as it would have without grouping.
                log.warn("a group of {} commands failed; each is handled again alone: {}", group.size(), e.toString());
                handBack(group);
            }
        }
    }

    private void commit(List<Pending> group, Commit commit) {
        CommandResultMessage<?>[] results = new CommandResultMessage<?>[group.size()];
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        Transaction transaction = attachTransaction(unitOfWork, commit);
        try {
            unitOfWork.execute(() -> {
                for (int i = 0; i < group.size(); i++) {
                    int index = i;
                    commandBus.dispatch(group.get(i).command(), (command, result) -> results[index] = result);
                }
            });
        } catch (Error e) {
            if (!commit.began) {
                abandon(transaction);
            }
            throw e;
        }
        groupSizes.record(Arrays.stream(results).filter(result -> !result.isExceptional()).count());
        for (int i = 0; i < group.size(); i++) {
            group.get(i).outcome().complete(Optional.of(results[i]));
        }
    }

    /** Whether the group's COMMIT was sent: from then on, what the database holds is not known here. */
    private static final class Commit {
        private volatile boolean began;
    }

    /** What {@code UnitOfWork.attachTransaction} does, keeping hold of the transaction for {@link #abandon}. */
    private Transaction attachTransaction(UnitOfWork<?> unitOfWork, Commit commit) {
        Transaction transaction = transactions.startTransaction();
        unitOfWork.onCommit(u -> {
            commit.began = true;
            transaction.commit();
        });
        unitOfWork.onRollback(u -> transaction.rollback());
        return transaction;
    }

    /**
     * Axon rolls a unit of work back on an exception, but on an error (an assertion, memory) it only cleans up,
     * leaving the transaction open and bound to this thread, where every later group would join it and never commit.
     */
    private static void abandon(Transaction transaction) {
        try {
            transaction.rollback();
        } catch (RuntimeException alreadyEnded) {
            log.warn("could not roll back a failed group's transaction: {}", alreadyEnded.toString());
        }
    }

    private static RuntimeException rethrown(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("a command failed", failure);
    }

    /** Senders still queued, and any that come later, handle their commands alone (the check after queueing). */
    @Override
    public void destroy() {
        closed = true;
        committers.forEach(Thread::interrupt);
        handBackQueued(queues);
    }

    /** The senders still in these queues handle their commands alone. */
    private static void handBackQueued(List<BlockingQueue<Pending>> queues) {
        List<Pending> left = new ArrayList<>();
        queues.forEach(queue -> queue.drainTo(left));
        handBack(left);
    }

    /** These senders handle their commands alone. */
    private static void handBack(List<Pending> pending) {
        pending.forEach(sender -> sender.outcome().complete(Optional.empty()));
    }

    private record Pending(CommandMessage<?> command, String target,
                           CompletableFuture<Optional<CommandResultMessage<?>>> outcome) {
    }
}
