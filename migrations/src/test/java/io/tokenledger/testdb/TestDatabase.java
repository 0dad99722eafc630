package io.tokenledger.testdb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database, migrated by the project's Flyway scripts, for one test class.
 *
 * <p>The server is the first of: {@code LEDGER_TEST_PG_URL} (a JDBC URL of a maintenance database,
 * user included), a PostgreSQL on 127.0.0.1:5432 accepting {@code postgres} with trust auth (as on CI),
 * or an embedded PostgreSQL started once per JVM, so the tests run on a machine with only a JDK.
 * Each database is dropped when the JVM exits.
 */
public final class TestDatabase {

    private static final String LOCAL_SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&connectTimeout=2";
    private static Server server;
    private static String template;

    private final String name;
    private final String jdbcUrl;
    private HikariDataSource dataSource;

    private TestDatabase(String name, String jdbcUrl) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Creates a new database migrated by the scripts packaged on the classpath, as the app does: a copy of one this JVM
     * migrated once, since a hundred test classes each running every migration cost CI a minute of CPU.
     */
    public static TestDatabase create() {
        Server srv = server();
        String name = newName();
        srv.execute("CREATE DATABASE " + name + " TEMPLATE " + migratedTemplate());
        // A database's own privileges are not copied from its template: V6's grant, made again.
        srv.execute("GRANT CONNECT ON DATABASE " + name + " TO ledger_analyst");
        return dropAtExit(srv, name);
    }

    /** Creates a new, empty database. */
    public static TestDatabase createEmpty() {
        Server srv = server();
        String name = newName();
        srv.execute("CREATE DATABASE " + name);
        return dropAtExit(srv, name);
    }

    private static synchronized String migratedTemplate() {
        if (template == null) {
            TestDatabase db = createEmpty();
            db.migrate("classpath:db/migration");
            template = db.name;
        }
        return template;
    }

    private static String newName() {
        return "ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static TestDatabase dropAtExit(Server srv, String name) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> srv.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")));
        return new TestDatabase(name, srv.urlFor(name));
    }

    /** Runs Flyway on this database from a location such as {@code filesystem:sql}. */
    public void migrate(String location) {
        Flyway.configure().dataSource(jdbcUrl, null, null).locations(location).load().migrate();
    }

    /** A JDBC URL with the user in it, suitable for {@code spring.datasource.url}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String name() {
        return name;
    }

    /**
     * A pool that keeps no idle connections: nothing closes it before the JVM exits, and with Hikari's default of
     * keeping every connection open, each test class that used it held ten until then, and late in the suite a server
     * was refused by PostgreSQL's limit of 100 ("too many clients already").
     */
    public synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setMaximumPoolSize(10);
            config.setMinimumIdle(0);
            config.setIdleTimeout(Duration.ofSeconds(10).toMillis());
            dataSource = new HikariDataSource(config);
        }
        return dataSource;
    }

    private static synchronized Server server() {
        if (server == null) {
            server = Server.discover();
        }
        return server;
    }

    private record Server(String adminUrl, String urlPrefix) {

        static Server discover() {
            String configured = System.getenv("LEDGER_TEST_PG_URL");
            if (configured != null && !configured.isBlank()) {
                return fromAdminUrl(configured);
            }
            if (reachable(LOCAL_SERVER)) {
                return fromAdminUrl(LOCAL_SERVER);
            }
            return embedded();
        }

        private static Server embedded() {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; the temporary data directory goes with it
                    }
                }));
                return fromAdminUrl(pg.getJdbcUrl("postgres", "postgres"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start an embedded PostgreSQL for the tests", e);
            }
        }

        /** Splits {@code jdbc:postgresql://host:port/db?params} so another database name can be put in. */
        private static Server fromAdminUrl(String adminUrl) {
            int query = adminUrl.indexOf('?');
            String params = query < 0 ? "" : adminUrl.substring(query);
            String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
            String prefix = base.substring(0, base.lastIndexOf('/') + 1);
            return new Server(adminUrl, prefix + "%s" + params);
        }

        private static boolean reachable(String url) {
            try (Connection ignored = DriverManager.getConnection(url)) {
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        String urlFor(String database) {
            return String.format(Locale.ROOT, urlPrefix, database);
        }

        void execute(String sql) {
            try (Connection c = DriverManager.getConnection(adminUrl)) {
                c.createStatement().execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("test database server refused: " + sql, e);
            }
        }
    }
}
