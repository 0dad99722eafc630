package io.tokenledger.projections;

import io.tokenledger.events.client.ClientRetired;
import io.tokenledger.events.client.ClientSecretRotated;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.token.TokenRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ledger.revocation.synchronous-commit}: a transaction that takes something back (a revocation, a refresh token's
 * rotation, a client's retirement, new secret or changed registration: the changes to {@code tokens} and
 * {@code clients} rows that the introspection cache drops too) commits with {@code SET LOCAL synchronous_commit} at
 * this level. With {@code remote_apply}, and the replicas named in the primary's {@code synchronous_standby_names},
 * the command answers only once those replicas show the change, so a query node reading one never answers
 * {@code active} for a token whose revocation was acknowledged. Other transactions, issuance included, commit as the
 * database is set. It runs with the projections that commit with their events, in the command's transaction.
 * <p>
 * The wait is bounded ({@code ledger.revocation.synchronous-commit-max-wait}): PostgreSQL waits for a stalled standby
 * for ever, and while it waits the transaction's events are invisible, a gap the streaming processors and the chain
 * give up on after their gap timeouts (60 s). Such transactions name themselves ({@value #WAITING}), and once one has
 * waited that long it is cancelled: the commit, already durable on the primary, completes without the standby, and a
 * replica's readers see it when they replay it.
 */
@Component
@ProcessingGroup(RevocationCommit.NAME)
public class RevocationCommit implements SmartInitializingSingleton, SmartLifecycle {

    public static final String NAME = "revocation-commit";
    /** The {@code application_name} of a transaction that takes something back, while it lasts. */
    static final String WAITING = "token-ledger revocation";
    /**
     * With V7's commit deadline (20 s) this keeps an event's wait for visibility within half of the gap timeouts.
     */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(RevocationCommit.class);
    /** The levels that wait for at least the local flush; {@code off} and {@code local} would weaken a revocation. */
    private static final List<String> LEVELS = List.of("on", "remote_write", "remote_apply");
    private static final String APPLIED = RevocationCommit.class.getName();
    /** Cancelling a backend's wait for its standbys completes its commit locally (PostgreSQL says so in a warning). */
    private static final String RELEASE = """
            SELECT count(*) FILTER (WHERE pg_cancel_backend(pid)) FROM pg_stat_activity
            WHERE application_name = ? AND wait_event = 'SyncRep' AND usename = current_user
              AND state_change < clock_timestamp() - make_interval(secs => ?)""";

    private final JdbcTemplate jdbc;
    private final String level;
    private final Duration maxWait;
    private ScheduledExecutorService watchdog;

    public RevocationCommit(JdbcTemplate jdbc, @Value("${ledger.revocation.synchronous-commit:}") String level,
                            @Value("${ledger.revocation.synchronous-commit-max-wait:PT10S}") Duration maxWait) {
        this.jdbc = jdbc;
        this.level = level.strip();
        this.maxWait = maxWait;
        if (!this.level.isEmpty() && !LEVELS.contains(this.level)) {
            throw new IllegalArgumentException("ledger.revocation.synchronous-commit must be one of " + LEVELS
                    + " or unset, was '" + level + "'");
        }
        if (maxWait.isNegative() || maxWait.isZero() || maxWait.compareTo(LONGEST_WAIT) > 0) {
            throw new IllegalArgumentException("ledger.revocation.synchronous-commit-max-wait must be above 0 and at "
                    + "most " + LONGEST_WAIT + ", or a waiting event could be skipped by the processors, was "
                    + maxWait);
        }
    }

    /** {@code remote_apply} with no synchronous standby waits for none: said once, at start-up. */
    @Override
    public void afterSingletonsInstantiated() {
        if (level.startsWith("remote_")
                && jdbc.queryForObject("SELECT current_setting('synchronous_standby_names')", String.class).isBlank()) {
            log.warn("ledger.revocation.synchronous-commit={} waits for no replica: the primary's "
                    + "synchronous_standby_names is empty, so a replica's readers may see a revocation late", level);
        }
    }

    @EventHandler
    void on(TokenRevoked e) {
        takesBack();
    }

    @EventHandler
    void on(GrantRevoked e) {
        takesBack();
    }

    @EventHandler
    void on(RefreshTokenRotated e) {
        takesBack();
    }

    @EventHandler
    void on(ClientUpdated e) {
        takesBack();
    }

    @EventHandler
    void on(ClientSecretRotated e) {
        takesBack();
    }

    @EventHandler
    void on(ClientRetired e) {
        takesBack();
    }

    /** Once per transaction, in it: SET LOCAL lasts until its commit, which is when the setting is read. */
    private void takesBack() {
        if (level.isEmpty()) {
            return;
        }
        CurrentUnitOfWork.get().root().getOrComputeResource(APPLIED, key -> {
            jdbc.queryForList("SELECT set_config('synchronous_commit', ?, true), set_config('application_name', ?, "
                    + "true)", level, WAITING);
            return Boolean.TRUE;
        });
    }

    /** Every second, the waits past the bound are released. */
    @Override
    public void start() {
        if (level.isEmpty()) {
            return;
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "ledger-revocation-wait");
            thread.setDaemon(true);
            return thread;
        });
        watchdog.scheduleWithFixedDelay(this::releaseLongWaits, 1, 1, TimeUnit.SECONDS);
    }

    void releaseLongWaits() {
        try {
            Long released = jdbc.queryForObject(RELEASE, Long.class, WAITING, maxWait.toMillis() / 1000.0);
            if (released != null && released > 0) {
                log.warn("{} transaction(s) that take something back waited {} for the synchronous standbys and "
                        + "committed without them: a replica's readers see them when it replays them", released,
                        maxWait);
            }
        } catch (RuntimeException e) {
            log.debug("could not look for revocations waiting on their standbys", e);
        }
    }

    @Override
    public void stop() {
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
    }

    @Override
    public boolean isRunning() {
        return watchdog != null;
    }
}
