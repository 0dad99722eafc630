package io.tokenledger.app.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tokenledger.projections.RevocationCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a transaction that takes something back waits for its synchronous standbys
 * ({@code ledger.revocation.synchronous-commit-max-wait}). PostgreSQL waits for a stalled standby for ever, and while
 * it waits the transaction's events are invisible, a gap the streaming processors and the chain give up on after
 * their gap timeouts (60 s). Once such a transaction ({@link RevocationCommit#WAITING}) has waited that long, its wait
 * is cancelled: the commit, already durable on the primary, completes without the standby, and a replica's readers
 * see it when they replay it.
 * <p>
 * The watchdog has a connection of its own: in the very failure it is there for, waiting revocations may hold every
 * connection of the node's pool.
 */
@Component
@ConditionalOnExpression("!'${ledger.revocation.synchronous-commit:}'.isBlank()")
public class RevocationWaitWatchdog implements SmartLifecycle {

    /** With V7's commit deadline (20 s) this keeps an event's wait for visibility within half of the gap timeouts. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(RevocationWaitWatchdog.class);
    /**
     * Cancelling a backend's wait for its standbys completes its commit locally (PostgreSQL says so in a warning). The
     * backend must still be in that COMMIT when it is cancelled, or the cancel would land on its next statement.
     */
    private static final String RELEASE = """
            SELECT count(*) FILTER (WHERE pg_cancel_backend(pid)) FROM pg_stat_activity
            WHERE application_name = ? AND wait_event = 'SyncRep' AND query = 'COMMIT' AND usename = current_user
              AND state_change < clock_timestamp() - make_interval(secs => ?)""";

    private final DataSource primary;
    private final Duration maxWait;
    private HikariDataSource connection;
    private ScheduledExecutorService watchdog;

    public RevocationWaitWatchdog(DataSource primary,
                                  @Value("${ledger.revocation.synchronous-commit-max-wait:PT10S}") Duration maxWait) {
        if (maxWait.isNegative() || maxWait.isZero() || maxWait.compareTo(LONGEST_WAIT) > 0) {
            throw new IllegalArgumentException("ledger.revocation.synchronous-commit-max-wait must be above 0 and at "
                    + "most " + LONGEST_WAIT + ", or a waiting event could be skipped by the processors, was "
                    + maxWait);
        }
        this.primary = primary;
        this.maxWait = maxWait;
    }

    /** Every second, the waits past the bound are released. */
    @Override
    public void start() {
        connection = ownConnection();
        watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ledger-revocation-wait");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::releaseLongWaits, 1, 1, TimeUnit.SECONDS);
    }

    void releaseLongWaits() {
        try {
            Long released = new JdbcTemplate(connection).queryForObject(RELEASE, Long.class,
                    RevocationCommit.WAITING, maxWait.toMillis() / 1000.0);
            if (released != null && released > 0) {
                log.warn("{} transaction(s) that take something back waited {} for the synchronous standbys and "
                        + "committed without them: a replica's readers see them when it replays them", released,
                        maxWait);
            }
        } catch (RuntimeException e) {
            log.warn("could not look for revocations waiting on their standbys: {}", e.getMessage());
        }
    }

    /** A pool of one, with the primary pool's settings. */
    private HikariDataSource ownConnection() {
        HikariConfig config = new HikariConfig();
        try {
            primary.unwrap(HikariDataSource.class).copyStateTo(config);
        } catch (SQLException e) {
            throw new IllegalStateException("the primary DataSource is no Hikari pool", e);
        }
        config.setPoolName("ledger-revocation-watchdog");
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    @Override
    public void stop() {
        if (watchdog != null) {
            watchdog.shutdownNow();
            connection.close();
            watchdog = null;
        }
    }

    @Override
    public boolean isRunning() {
        return watchdog != null;
    }
}
