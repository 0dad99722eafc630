package io.tokenledger.projections.rebuild;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Rebuilds a read table from the event store while the server keeps serving.
 *
 * <ol>
 *   <li>The projection's own handlers replay every event into a shadow table in schema {@code ledger_rebuild}:
 *       run with {@code search_path = ledger_rebuild, public}, their unqualified table names land there.</li>
 *   <li>Holding an EXCLUSIVE lock on the live table (reads go on; writers wait), the events that arrived meanwhile
 *       are replayed too, then only the rows that differ are changed, removed or added. A writer that was waiting
 *       then writes its row into the corrected table, and its event, not yet committed, was not replayed.</li>
 * </ol>
 * Handlers are idempotent, so an event seen twice changes nothing. The result equals a fresh fold of the events.
 */
@Component
public class ProjectionRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);
    private static final int BATCH = 1000;
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private final EventStore events;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate batches;
    private final TransactionTemplate swap;
    private final RowRetention retention;
    private final Clock clock;
    private final Map<String, RebuildProgress> progress = new ConcurrentHashMap<>();

    public ProjectionRebuilder(EventStore events, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                               RowRetention retention, Clock clock) {
        this.events = events;
        this.jdbc = jdbc;
        this.batches = new TransactionTemplate(transactions);
        this.swap = new TransactionTemplate(transactions);
        this.swap.setTimeout((int) Duration.ofMinutes(10).toSeconds());
        this.retention = retention;
        this.clock = clock;
    }

    /** The latest rebuild of each projection on this node. */
    public Map<String, RebuildProgress> progress() {
        return Map.copyOf(progress);
    }

    /** Rebuilds one projection; refuses while another rebuild of it runs, on this node or any other. */
    public RebuildProgress rebuild(RebuildableProjection projection) {
        Instant started = clock.instant();
        RebuildProgress first = RebuildProgress.running(projection.name(), 0, eventCount(), started, started);
        progress.compute(projection.name(), (name, previous) -> {
            if (previous != null && "running".equals(previous.state())) {
                throw new IllegalStateException("a rebuild of " + name + " is already running");
            }
            return first;
        });
        try (RebuildLock lock = RebuildLock.tryAcquire(jdbc.getDataSource(), projection.table())) {
            if (!lock.held()) {
                throw new IllegalStateException("a rebuild of " + projection.name()
                        + " is running on another node or in an operator command");
            }
            RebuildProgress done = runAndDropShadow(projection, first);
            progress.put(projection.name(), done);
            log.info("rebuild of {} done: {} events in {} s; live table had {} changed, {} removed, {} added rows",
                    projection.name(), done.eventsDone(), Duration.between(started, done.finishedAt()).toSeconds(),
                    done.rowsChanged(), done.rowsRemoved(), done.rowsAdded());
            return done;
        } catch (RuntimeException e) {
            RebuildProgress failed = progress.get(projection.name()).failed(e.getMessage(), clock.instant());
            progress.put(projection.name(), failed);
            log.error("rebuild of {} failed", projection.name(), e);
            return failed;
        }
    }

    /** Only the holder of the claim may drop the shadow table: another rebuild may be filling it. */
    private RebuildProgress runAndDropShadow(RebuildableProjection projection, RebuildProgress start) {
        try {
            return run(projection, start);
        } finally {
            jdbc.execute("DROP TABLE IF EXISTS ledger_rebuild." + projection.table());
        }
    }

    private RebuildProgress run(RebuildableProjection projection, RebuildProgress start) {
        String table = projection.table();
        // Made here when missing; where a role of its own owns it (the compose deployment's), that role may create no
        // schema, and CREATE SCHEMA IF NOT EXISTS asks for the right before it looks.
        if (jdbc.queryForList("SELECT 1 FROM pg_namespace WHERE nspname = 'ledger_rebuild'").isEmpty()) {
            jdbc.execute("CREATE SCHEMA IF NOT EXISTS ledger_rebuild");
        }
        jdbc.execute("DROP TABLE IF EXISTS ledger_rebuild." + table);
        createShadow(projection);
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(projection.handler());
        Replay replay = new Replay(projection.name(), handler, start);
        replay.drain(null, head(), this::inShadow);
        long[] diff = swap.execute(tx -> {
            jdbc.execute("LOCK TABLE public." + table + " IN EXCLUSIVE MODE");
            replay.drain(replay.token, head(), batch -> {
                jdbc.execute("SET LOCAL search_path TO ledger_rebuild, public");
                batch.run();
                jdbc.execute("SET LOCAL search_path TO public");
            });
            pruneShadow(table);
            return TableDiff.apply(jdbc, table, projection.key());
        });
        return progress.get(projection.name()).done(diff[0], diff[1], diff[2], clock.instant());
    }

    /**
     * The shadow table has the live table's columns, defaults and checks, but only the indexes the handlers find rows
     * by: every other index would be kept up to date row by row for nothing, since only the differences are copied to
     * the live table, whose indexes and unique constraints still hold. It is unlogged: it lives for one rebuild, which
     * a crash would end anyway, and its rows reach the live table, logged, only through the final copy.
     */
    private void createShadow(RebuildableProjection projection) {
        String shadow = "ledger_rebuild." + projection.table();
        jdbc.execute("CREATE UNLOGGED TABLE " + shadow + " (LIKE public." + projection.table()
                + " INCLUDING ALL EXCLUDING INDEXES)");
        jdbc.execute("ALTER TABLE " + shadow + " ADD PRIMARY KEY (" + projection.key() + ")");
        projection.lookups().forEach(column -> jdbc.execute("CREATE INDEX ON " + shadow + " (" + column + ") WHERE "
                + column + " IS NOT NULL"));
    }

    private void inShadow(Runnable batch) {
        batches.executeWithoutResult(tx -> {
            jdbc.execute("SET LOCAL search_path TO ledger_rebuild, public");
            batch.run();
        });
    }

    /** The live table was pruned by retention; the replay brought those rows back, so prune them again. */
    private void pruneShadow(String table) {
        jdbc.execute("SET LOCAL search_path TO ledger_rebuild, public");
        retention.pruneRebuilt(table);
        jdbc.execute("SET LOCAL search_path TO public");
    }

    /** The highest committed position: a replay stops there, so a busy ledger cannot keep it going forever. */
    private long head() {
        return jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    /** Reads the event store from a position to its current head, in batches, reporting progress. */
    private final class Replay {

        private final String name;
        private final AnnotationEventHandlerAdapter handler;
        private final RebuildProgress start;
        private TrackingToken token;
        private long done;
        private Instant reported;

        Replay(String name, AnnotationEventHandlerAdapter handler, RebuildProgress start) {
            this.name = name;
            this.handler = handler;
            this.start = start;
            this.reported = start.startedAt();
        }

        /** Replays from {@code from} until an event at or past {@code until}, or the end of what is there. */
        void drain(TrackingToken from, long until, Consumer<Runnable> inTransaction) {
            try (ReadAhead batches = new ReadAhead(events, from, until, BATCH)) {
                for (List<TrackedEventMessage<?>> batch = batches.next(); !batch.isEmpty(); batch = batches.next()) {
                    List<TrackedEventMessage<?>> current = batch;
                    inTransaction.accept(() -> handleAll(current));
                    token = current.get(current.size() - 1).trackingToken();
                    done += current.size();
                    report();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("rebuild interrupted", e);
            }
        }

        /** One unit of work per batch, as a streaming processor would: handlers may write a batch at once. */
        private void handleAll(List<TrackedEventMessage<?>> batch) {
            ResultMessage<?> result = new BatchingUnitOfWork<>(batch).executeWithResult(() -> {
                handle((TrackedEventMessage<?>) CurrentUnitOfWork.get().getMessage());
                return null;
            });
            if (result.isExceptional()) {
                throw result.exceptionResult() instanceof RuntimeException e ? e
                        : new IllegalStateException(result.exceptionResult());
            }
        }

        private void handle(TrackedEventMessage<?> event) {
            try {
                if (handler.canHandle(event)) {
                    handler.handle(event);
                }
            } catch (Exception e) {
                throw new IllegalStateException("replaying event " + event.getIdentifier() + " failed", e);
            }
        }

        private void report() {
            Instant now = clock.instant();
            RebuildProgress current = RebuildProgress.running(name, done, Math.max(done, start.eventsTotal()),
                    start.startedAt(), now);
            progress.put(name, current);
            if (Duration.between(reported, now).compareTo(REPORT_EVERY) >= 0) {
                reported = now;
                log.info("rebuild of {}: {}/{} events ({} events/s, {} s left)", name, current.eventsDone(),
                        current.eventsTotal(), (long) current.eventsPerSecond(), current.secondsLeft());
            }
        }
    }
}
