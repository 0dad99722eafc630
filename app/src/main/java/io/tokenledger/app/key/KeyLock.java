package io.tokenledger.app.key;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * One rotation at a time across the nodes: a PostgreSQL advisory lock held on one connection while the work runs
 * (its commands commit on connections of their own), so no home-made coordination is needed.
 */
@Component
public class KeyLock {

    /** The advisory lock's key: the first eight bytes of SHA-256("token-ledger signing keys"). */
    private static final long KEY = 0x1bfe770fbaa42a8eL;

    private final JdbcTemplate jdbc;

    public KeyLock(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public <T> T holding(Supplier<T> work) {
        return jdbc.execute((ConnectionCallback<T>) connection -> {
            call(connection.prepareStatement("SELECT pg_advisory_lock(?)"));
            try {
                return work.get();
            } finally {
                call(connection.prepareStatement("SELECT pg_advisory_unlock(?)"));
            }
        });
    }

    private static void call(PreparedStatement statement) throws SQLException {
        try (statement) {
            statement.setLong(1, KEY);
            statement.execute();
        }
    }
}
