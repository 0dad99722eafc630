package io.tokenledger.app.stream;

import io.tokenledger.projections.EventKey;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The positions of a batch's events, read from the event table by their keys in one query. Never the tracking
 * token's: an event whose transaction committed after later ones arrives with a token at the furthest position seen,
 * not its own (as the audit log learned, {@code AuditLogProjection}).
 */
final class EventPositions {

    private final JdbcTemplate jdbc;

    EventPositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Map<EventKey, Long> of(List<EventMessage<?>> events) {
        List<EventKey> keys = events.stream().map(EventKey::of).toList();
        Map<EventKey, Long> positions = new HashMap<>();
        jdbc.query("""
                SELECT e.aggregate_identifier, e.sequence_number, e.global_index
                FROM unnest(?, ?) AS k(stream, sequence)
                JOIN domain_event_entry e ON e.aggregate_identifier = k.stream AND e.sequence_number = k.sequence""",
                statement -> {
                    statement.setArray(1, array(statement.getConnection(), "text",
                            keys.stream().map(EventKey::aggregateIdentifier).toArray()));
                    statement.setArray(2, array(statement.getConnection(), "bigint",
                            keys.stream().map(EventKey::sequenceNumber).toArray()));
                },
                row -> {
                    positions.put(new EventKey(row.getString(1), row.getLong(2)), row.getLong(3));
                });
        if (positions.size() != keys.size()) {
            throw new IllegalStateException("events the event table does not hold: "
                    + keys.stream().filter(key -> !positions.containsKey(key)).toList());
        }
        return positions;
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
