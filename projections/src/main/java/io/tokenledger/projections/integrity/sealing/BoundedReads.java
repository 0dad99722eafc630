package io.tokenledger.projections.integrity.sealing;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.SortedSet;

/**
 * Axon's reads for streaming processors, bounded by the highest position the ledger has handed out
 * ({@code ledger_position_bound()}, V17). A row inserted above it with SQL did not come through the ledger; unbounded,
 * a processor that met one would jump to it and, its gaps cleaned, never process the real events appended below it.
 * A committed event is always within the bound: its position was handed out before the read began.
 */
public final class BoundedReads {

    private static final String BOUND = " <= ledger_position_bound()";

    private BoundedReads() {
    }

    public static JdbcEventStorageEngine.Builder apply(JdbcEventStorageEngine.Builder engine) {
        return engine.fetchTrackedEvents(BoundedReads::nextPosition)
                     .readEventDataWithoutGaps((c, schema, index, batch) -> read(c, schema, index, batch, List.of()))
                     .readEventDataWithGaps(BoundedReads::read)
                     .cleanGaps(BoundedReads::gapEvidence);
    }

    /**
     * What Axon's gap cleaning weighs: in position order, the rows after its gaps with their timestamps (it drops the
     * gaps below an old enough one, and stops at the first row that fills a gap). Unsealed rows are no evidence, so a
     * row inserted with SQL and an old timestamp does not make processors drop the gaps of transactions still
     * committing. Where the chain has linked a range as empty, the position after it counts as old: no event can
     * commit below it any more, so a sequence pushed far ahead leaves no gaps to carry for ever.
     */
    private static PreparedStatement gapEvidence(Connection connection, EventSchema schema, SortedSet<Long> gaps)
            throws SQLException {
        String position = schema.globalIndexColumn();
        String time = schema.timestampColumn();
        PreparedStatement statement = connection.prepareStatement("SELECT " + position + ", " + time + " FROM ("
                + " SELECT e." + position + ", e." + time + ", 1 AS evidence FROM " + schema.domainEventTable() + " e"
                + " WHERE e." + position + " BETWEEN ? AND ? AND e.seal IS NOT NULL"
                + " UNION ALL"
                + " SELECT empty_end + 1, '1970-01-01T00:00:00Z', 0 FROM ledger_chain CROSS JOIN unnest(empty_ends)"
                + " AS empty_end WHERE last_position >= ? AND first_position <= ? AND empty_end + 1 BETWEEN ? AND ?"
                + ") AS evidence ORDER BY 1, evidence");
        long first = gaps.first();
        long last = gaps.last() + 1;
        for (int i = 0; i < 3; i++) {
            statement.setLong(1 + 2 * i, first);
            statement.setLong(2 + 2 * i, last);
        }
        return statement;
    }

    /** The next event after {@code index}, where a processor that found nothing in its window goes on. */
    private static PreparedStatement nextPosition(Connection connection, EventSchema schema, long index)
            throws SQLException {
        String position = schema.globalIndexColumn();
        PreparedStatement statement = connection.prepareStatement("SELECT min(" + position + ") FROM "
                + schema.domainEventTable() + " WHERE " + position + " > ? AND " + position + BOUND);
        statement.setLong(1, index);
        return statement;
    }

    private static PreparedStatement read(Connection connection, EventSchema schema, long index, int batchSize,
                                          List<Long> gaps) throws SQLException {
        String position = schema.globalIndexColumn();
        // One array, not a parameter a gap: a token can carry more gaps than a statement takes parameters (32767).
        String inGaps = gaps.isEmpty() ? "" : " OR " + position + " = ANY (?)";
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields() + " FROM "
                + schema.domainEventTable() + " WHERE ((" + position + " > ? AND " + position + " <= ?)" + inGaps
                + ") AND " + position + BOUND + " ORDER BY " + position + " ASC");
        statement.setLong(1, index);
        statement.setLong(2, index + batchSize);
        if (!gaps.isEmpty()) {
            statement.setArray(3, connection.createArrayOf("bigint", gaps.toArray()));
        }
        return statement;
    }
}
