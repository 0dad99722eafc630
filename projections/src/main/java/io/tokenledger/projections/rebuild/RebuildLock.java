package io.tokenledger.projections.rebuild;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A rebuild's claim on its table across every node and operator command on the database: a PostgreSQL session
 * advisory lock, held on a connection of its own for as long as the rebuild runs. Two rebuilds of one table would
 * share, and drop, one shadow table. Should the process die, its connection ends and the lock with it.
 */
record RebuildLock(Connection connection, String table, boolean held) implements AutoCloseable {

    private static final String KEY = "hashtext('ledger_rebuild.' || ?)";

    static RebuildLock tryAcquire(DataSource dataSource, String table) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            boolean held = ask(connection, "SELECT pg_try_advisory_lock(" + KEY + ")", table);
            return new RebuildLock(connection, table, held);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("could not claim the rebuild of " + table + ": " + e.getMessage(), e);
        }
    }

    /**
     * Closing a pooled connection only returns it to the pool, its session and any lock still open. So when the
     * unlock fails, the physical connection is aborted: its session ends, and the lock with it.
     */
    @Override
    public void close() {
        try {
            if (held) {
                ask(connection, "SELECT pg_advisory_unlock(" + KEY + ")", table);
            }
        } catch (SQLException e) {
            abortQuietly(connection);
        } finally {
            closeQuietly(connection);
        }
    }

    private static void abortQuietly(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException ignored) {
            // The pool evicts a connection it finds broken.
        }
    }

    private static boolean ask(Connection connection, String sql, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Nothing more to release.
            }
        }
    }
}
