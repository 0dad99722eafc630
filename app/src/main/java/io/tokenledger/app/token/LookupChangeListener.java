package io.tokenledger.app.token;

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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * Hears, on a connection of its own, the changes to {@code tokens} and {@code clients} rows that every node's
 * transactions announce on {@value #CHANNEL} (migration V16), and drops what {@link IntrospectionCache} kept of
 * them. The cache serves only while this connection listens; when it is lost the cache stops serving and empties,
 * and starts again, empty, once a new connection listens.
 */
@Component
class LookupChangeListener implements SmartLifecycle {

    static final String CHANNEL = "ledger_lookups";
    private static final Logger log = LoggerFactory.getLogger(LookupChangeListener.class);
    private static final int WAIT_MILLIS = 1000;
    /** Quiet this long, the connection is checked: a peer gone without closing it would otherwise go unnoticed. */
    private static final int CHECK_AFTER_QUIET_WAITS = 10;

    private final HikariDataSource pool;
    private final IntrospectionCache cache;
    private volatile boolean running;
    private Thread thread;

    LookupChangeListener(DataSource dataSource, IntrospectionCache cache) throws SQLException {
        this.pool = dataSource.unwrap(HikariDataSource.class);
        this.cache = cache;
    }

    @Override
    public void start() {
        if (!cache.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::listenWhileRunning, "ledger-lookup-changes");
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

    private void listenWhileRunning() {
        boolean reported = false;
        while (running) {
            try (Connection listening = connect()) {
                reported = false;
                listen(listening);
            } catch (SQLException | RuntimeException e) {
                cache.stopServing();
                if (running && !reported) {
                    log.warn("introspection cache off: not listening for changes ({}); retrying every second",
                            e.toString());
                    reported = true;
                }
                pause();
            }
        }
    }

    private void listen(Connection listening) throws SQLException {
        try (Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        cache.serve();
        log.info("introspection cache on: listening for changes on {}", CHANNEL);
        PGConnection notifications = listening.unwrap(PGConnection.class);
        int quiet = 0;
        while (running) {
            PGNotification[] heard = notifications.getNotifications(WAIT_MILLIS);
            for (PGNotification change : heard) {
                apply(change.getParameter());
            }
            quiet = heard.length > 0 ? 0 : quiet + 1;
            if (quiet == CHECK_AFTER_QUIET_WAITS) {
                quiet = 0;
                if (!listening.isValid(WAIT_MILLIS / 1000)) {
                    throw new SQLException("the listening connection stopped answering");
                }
            }
        }
    }

    private void apply(String change) {
        int space = change.indexOf(' ');
        String kind = change.substring(0, Math.max(space, 0));
        String id = change.substring(space + 1);
        switch (kind) {
            case "token" -> cache.tokensChanged(List.of(id));
            case "client" -> cache.clientChanged(id);
            default -> log.warn("ignored an unknown change on {}: {}", CHANNEL, change);
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
