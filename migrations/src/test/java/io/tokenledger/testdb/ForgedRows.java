package io.tokenledger.testdb;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** What an attacker with SQL write access to the ledger's database writes, for the tests that prove it is seen. */
public final class ForgedRows {

    private ForgedRows() {
    }

    /**
     * A copy of the event row at {@code of}, in a stream of its own, at {@code position}: with the original's seal,
     * or with none. One statement, so the chain never sees the ledger otherwise.
     */
    public static void insertCopy(DataSource data, long position, long of, boolean withSeal) {
        String seal = withSeal ? ", seal, seal_key_id" : "";
        try (Connection connection = data.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier,
                         sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data%1$s)
                     SELECT ?, gen_random_uuid()::text, gen_random_uuid()::text, 0, type, time_stamp, payload_type,
                            payload_revision, payload, meta_data%1$s
                     FROM domain_event_entry WHERE global_index = ?""".formatted(seal))) {
            insert.setLong(1, position);
            insert.setLong(2, of);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not forge a row at " + position, e);
        }
    }
}
