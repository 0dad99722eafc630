package io.tokenledger.query.cache;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * Hears, on a connection of its own, the changes to {@code tokens} and {@code clients} rows that every node's
 * transactions announce on {@value #CHANNEL} (migration V16), and drops what {@link IntrospectionCache} kept of
 * them. The cache serves only while this connection listens; when it is lost the cache stops serving and empties,
 * and starts again, empty, once a new connection listens.
 * <p>
 * It listens on the primary (the unqualified {@link DataSource}), never on a {@link io.tokenledger.query.ReadDatabase}
 * replica: a hot standby refuses {@code LISTEN}, and {@code NOTIFY} is not replicated.
 */
@Component
class CacheInvalidationListener implements SmartLifecycle {

    private static final String CHANNEL = "ledger_lookups";
    private static final Logger log = LoggerFactory.getLogger(CacheInvalidationListener.class);
    private static final int WAIT_MILLIS = 1000;

    private final HikariDataSource pool;
    private final IntrospectionCache cache;
    private volatile boolean running;
    private boolean reported;

    CacheInvalidationListener(DataSource dataSource, IntrospectionCache cache) throws SQLException {
        this.pool = dataSource.unwrap(HikariDataSource.class);
        this.cache = cache;
    }

    @Override
    public void start() {
        if (!cache.enabled()) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::listenWhileRunning, "ledger-lookup-changes");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        // The thread sees it within a wait and closes its connection.
        running = false;
        cache.stopServing();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whatever ends the loop, even an Error, leaves the cache not serving: nobody would hear changes any more. */
    private void listenWhileRunning() {
        try {
            while (running) {
                try (Connection listening = connect()) {
                    listen(listening);
                } catch (SQLException | RuntimeException e) {
                    cache.stopServing();
                    reportOnce(e);
                    pause();
                }
            }
        } finally {
            cache.stopServing();
        }
    }

    private void reportOnce(Exception e) {
        if (running && !reported) {
            log.warn("introspection cache off: not listening for changes ({}); retrying every second", e.toString());
            reported = true;
        }
    }

    /**
     * Listens until stopped or the connection fails. A wait in which nothing was heard is followed by a round trip on
     * the connection, so one that died without closing (a failover, a partition) is noticed within two waits, and so
     * is an operator turning the writers' announcements off while this node still needs them: it starts over, and
     * turns them on again.
     */
    private void listen(Connection listening) throws SQLException {
        try (Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            statement.execute("UPDATE lookup_notifications SET enabled = true WHERE NOT enabled");
        }
        awaitWritersThatMayNotAnnounce(listening);
        cache.serve();
        reported = false;
        log.info("introspection cache on: listening for changes on {}", CHANNEL);
        PGConnection notifications = listening.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] heard = notifications.getNotifications(WAIT_MILLIS);
            for (PGNotification change : heard) {
                apply(change.getParameter());
            }
            if (heard.length == 0 && !announcementsOn(listening)) {
                throw new SQLException("the writers' announcements were turned off");
            }
        }
    }

    /** A round trip that fails on a dead connection, and answers whether writers still announce their changes. */
    private static boolean announcementsOn(Connection listening) throws SQLException {
        try (Statement statement = listening.createStatement()) {
            statement.setQueryTimeout(WAIT_MILLIS / 1000);
            try (ResultSet row = statement.executeQuery("SELECT enabled FROM lookup_notifications")) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    /**
     * A writer that checked whether to announce before announcements were on may still be running, and its change
     * would go unheard: a SHARE lock on both tables waits for every transaction now writing them, and is let go at
     * once. New writers wait behind it for as long, once per start of a listener.
     */
    private static void awaitWritersThatMayNotAnnounce(Connection listening) throws SQLException {
        listening.setAutoCommit(false);
        try (Statement statement = listening.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '10s'");
            statement.execute("LOCK TABLE tokens, clients IN SHARE MODE");
            listening.commit();
        } finally {
            listening.setAutoCommit(true);
        }
    }

    private void apply(String change) {
        int space = change.indexOf(' ');
        String kind = space < 0 ? change : change.substring(0, space);
        String id = change.substring(space + 1);
        switch (kind) {
            case "token" -> cache.tokensChanged(List.of(id));
            case "client" -> cache.clientChanged(id);
            case "all" -> cache.forgetAll();
            default -> {
                // A newer node's kind of change, during a rolling upgrade: whatever it changed is forgotten too.
                log.warn("forgot everything on an unknown change on {}: {}", CHANNEL, change);
                cache.forgetAll();
            }
        }
    }

    /** The pool's database and credentials, outside the pool: this connection is held for as long as it lasts. */
    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", "token-ledger lookup changes");
        return DriverManager.getConnection(pool.getJdbcUrl(), properties);
    }

    private void pause() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
