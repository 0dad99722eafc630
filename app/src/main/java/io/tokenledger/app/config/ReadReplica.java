package io.tokenledger.app.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The pool of {@code LEDGER_READ_DATASOURCE_URL}, when set on a node that serves queries: read-only connections to a
 * hot standby, sized and timed as the primary's pool. It never fails start-up (the replica may come up later, or be
 * the primary itself, as in tests); it says in one line what it reads, and exports how far the replica's replay is
 * behind ({@value #LAG_GAUGE}, 0 when the node reads the primary).
 */
public final class ReadReplica implements HealthIndicator, MeterBinder, AutoCloseable {

    static final String LAG_GAUGE = "ledger.read.replica.lag";
    private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);
    /**
     * Seconds since the last transaction the standby replayed; 0 when it has replayed all its WAL receiver received
     * (an idle primary sends nothing new, and that time would grow with no lag at all), or when it is no standby.
     */
    private static final String LAG = """
            SELECT CASE
                     WHEN NOT pg_is_in_recovery() THEN 0
                     WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                          AND EXISTS (SELECT 1 FROM pg_stat_wal_receiver) THEN 0
                     ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())
                   END""";

    private final HikariDataSource pool;
    private final String described;

    private ReadReplica(HikariDataSource pool, String described) {
        this.pool = pool;
        this.described = described;
    }

    /**
     * A pool for the replica that {@code settings} names, or none: not configured, or a command node, which serves no
     * query surface.
     */
    static ReadReplica of(ReadDatasourceProperties settings, Role role, DataSource primary, MeterRegistry meters)
            throws SQLException {
        if (!settings.configured()) {
            return new ReadReplica(null, null);
        }
        if (!role.servesQueries()) {
            log.info("ledger.read-datasource.url is ignored: a command node serves no query surface and reads the "
                    + "primary");
            return new ReadReplica(null, null);
        }
        HikariDataSource writes = primary.unwrap(HikariDataSource.class);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username() != null ? settings.username() : writes.getUsername());
        config.setPassword(settings.password() != null ? settings.password() : writes.getPassword());
        config.setMaximumPoolSize(writes.getMaximumPoolSize());
        config.setMinimumIdle(writes.getMinimumIdle());
        config.setIdleTimeout(writes.getIdleTimeout());
        config.setConnectionTimeout(writes.getConnectionTimeout());
        config.setValidationTimeout(writes.getValidationTimeout());
        config.setConnectionInitSql(writes.getConnectionInitSql());
        // hikaricp_connections_* with pool="ledger-reads"
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        // A copy: the primary's pool keeps its own.
        Properties properties = new Properties();
        properties.putAll(writes.getDataSourceProperties());
        config.setDataSourceProperties(properties);
        config.setPoolName("ledger-reads");
        config.setReadOnly(true);
        config.addDataSourceProperty("ApplicationName", "token-ledger reads");
        // Reachable or not, the node starts: the replica may come later, and until then its reads fail with 503.
        config.setInitializationFailTimeout(-1);
        return new ReadReplica(new HikariDataSource(config), withoutParameters(settings.url()));
    }

    /** On every node, 0 where queries read the primary: the alert's series exists everywhere. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(LAG_GAUGE, this, ReadReplica::lagSeconds).baseUnit("seconds")
             .description("how far the streaming replica this node's queries read is behind in replaying the "
                     + "primary; 0 when they read the primary, NaN when the replica does not answer")
             .register(registry);
    }

    Optional<DataSource> dataSource() {
        return Optional.ofNullable(pool);
    }

    @EventListener(ApplicationStartedEvent.class)
    public void report() {
        if (pool == null) {
            return;
        }
        try {
            Boolean standby = new JdbcTemplate(pool).queryForObject("SELECT pg_is_in_recovery()", Boolean.class);
            if (Boolean.TRUE.equals(standby)) {
                log.info("queries read from {}, a hot standby: a change may reach them up to its replay lag late "
                        + "(ledger_read_replica_lag_seconds)", described);
            } else {
                log.info("queries read from {}, which is not in recovery: no standby, so they are never late",
                        described);
            }
        } catch (RuntimeException e) {
            log.warn("queries read from {}, which does not answer yet ({}): introspection and the ledger API get "
                    + "503 until it does", described, e.getMessage());
        }
    }

    /**
     * DOWN while the replica does not answer: the node's introspection and ledger API cannot either, so the load
     * balancer should send them to another node.
     */
    @Override
    public Health health() {
        if (pool == null) {
            return Health.up().withDetail("reads", "primary").build();
        }
        try {
            Boolean standby = new JdbcTemplate(pool).queryForObject("SELECT pg_is_in_recovery()", Boolean.class);
            return Health.up().withDetail("reads", Boolean.TRUE.equals(standby) ? "standby" : "not in recovery")
                         .build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("reads", "unreachable").build();
        }
    }

    private double lagSeconds() {
        if (pool == null) {
            return 0;
        }
        try {
            Double lag = new JdbcTemplate(pool).queryForObject(LAG, Double.class);
            return lag == null ? Double.NaN : lag;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** A URL for the log: parameters may hold a password. */
    private static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
