package io.tokenledger.projections.integrity.sealing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An event row as the chain and verification read it: its position, the columns its seal covers, and its seal, from
 * its own row or, appended before V8, from {@code ledger_seal} ({@code sealedAtAppend} false); null when it has none.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredEvent(long position, Seals.EventRow row, byte[] seal, String sealKeyId, boolean sealedAtAppend) {

    /** Selects what {@link #of} reads, from {@code domain_event_entry e}; add a WHERE and an ORDER BY. */
    public static final String SELECT = """
            SELECT e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type,
                   e.time_stamp, e.payload_type, e.payload_revision, e.payload, e.meta_data, e.seal, e.seal_key_id,
                   s.mac AS table_seal
            FROM domain_event_entry e LEFT JOIN ledger_seal s ON s.global_index = e.global_index
            """;

    public static StoredEvent of(ResultSet rs) throws SQLException {
        byte[] inRow = rs.getBytes("seal");
        Seals.EventRow row = new Seals.EventRow(rs.getString("event_identifier"), rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"), rs.getString("type"), rs.getString("time_stamp"),
                rs.getString("payload_type"), rs.getString("payload_revision"), rs.getBytes("payload"),
                rs.getBytes("meta_data"));
        return new StoredEvent(rs.getLong("global_index"), row, inRow != null ? inRow : rs.getBytes("table_seal"),
                rs.getString("seal_key_id"), inRow != null);
    }

    /** When the event was appended, as its row says; empty when the row says nothing readable (a forged one). */
    public static Optional<Instant> appendedAt(String timeStamp) {
        try {
            return Optional.of(Instant.parse(timeStamp));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The link the chain makes for this row: an event, or the record of an unsealed row. */
    public ChainLink link() {
        byte[] content = Seals.contentHash(position, row);
        return seal == null ? ChainLink.unsealed(position, row.aggregateIdentifier(), row.sequenceNumber(), content)
                : ChainLink.event(position, row.aggregateIdentifier(), row.sequenceNumber(), seal, content);
    }
}
