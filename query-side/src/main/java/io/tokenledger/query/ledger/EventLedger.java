package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.events.PersonalFields;
import io.tokenledger.events.RequestMetaData;
import io.tokenledger.query.ReadDatabase;
import io.tokenledger.query.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads the event table itself: the source of truth, not a projection of it. */
@Component
public class EventLedger {

    private static final String COLUMNS = """
            SELECT global_index, type, aggregate_identifier, sequence_number, payload_type, payload_revision,
                   time_stamp, payload, meta_data FROM domain_event_entry""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PersonalDataReveal personalData;

    public EventLedger(@ReadDatabase JdbcTemplate jdbc, ObjectMapper json, PersonalDataReveal personalData) {
        this.jdbc = jdbc;
        this.json = json;
        this.personalData = personalData;
    }

    /** One aggregate's events, oldest first, after the given sequence number. */
    public List<LedgerEvent> stream(String aggregateId, long afterSequence, int limit) {
        return jdbc.query(COLUMNS + " WHERE aggregate_identifier = ? AND sequence_number > ? "
                + "ORDER BY sequence_number LIMIT ?", this::map, aggregateId, afterSequence, limit);
    }

    /** Every event of these aggregates, in ledger order. */
    public List<LedgerEvent> streams(Collection<String> aggregateIds) {
        return jdbc.query(COLUMNS + " WHERE aggregate_identifier = ANY (?) ORDER BY global_index", this::map,
                (Object) aggregateIds.toArray(String[]::new));
    }

    /**
     * How many of this stream's events hold personal data in plaintext, in a personal component or in their request
     * context: written before the ledger encrypted it (issue 25), so no destroyed key reaches them.
     */
    public long unencryptedPersonalEvents(String aggregateId) {
        return jdbc.query("SELECT payload_type, payload, meta_data FROM domain_event_entry WHERE aggregate_identifier = ?",
                (rs, row) -> holdsPlaintext(rs.getString("payload_type"), EventJson.read(json, rs.getBytes("payload")),
                        EventJson.read(json, rs.getBytes("meta_data"))), aggregateId)
                   .stream().filter(Boolean::booleanValue).count();
    }

    private static boolean holdsPlaintext(String payloadType, JsonNode payload, JsonNode metadata) {
        return Stream.concat(PersonalFields.of(payloadType).stream().map(payload::path),
                             RequestMetaData.PERSONAL.stream().map(metadata::path))
                     .filter(JsonNode::isTextual).map(JsonNode::asText)
                     .anyMatch(value -> !value.startsWith(PersonalFields.ENCRYPTED)
                                        && !value.equals(PersonalFields.ERASED));
    }

    /**
     * The stream a token lives in: its own for client credentials, its grant's otherwise. The grant is found from the
     * token row or, once retention has pruned that, from the audit log's index of the events.
     */
    public Optional<String> streamOfToken(String tokenId) {
        return Rows.uuid(tokenId).flatMap(id -> jdbc.queryForList("""
                SELECT aggregate_identifier FROM domain_event_entry WHERE aggregate_identifier = ?
                UNION ALL SELECT grant_id::text FROM tokens WHERE token_id = ? AND grant_id IS NOT NULL
                UNION ALL (SELECT aggregate_id FROM audit_log WHERE token_id = ? ORDER BY global_index LIMIT 1)
                LIMIT 1""", String.class, tokenId, id, id).stream().findFirst());
    }

    private LedgerEvent map(ResultSet rs, int row) throws SQLException {
        return new LedgerEvent(rs.getLong("global_index"), rs.getString("type"), rs.getString("aggregate_identifier"),
                rs.getLong("sequence_number"), rs.getString("payload_type"), rs.getString("payload_revision"),
                Instant.parse(rs.getString("time_stamp")),
                personalData.revealPayload(rs.getString("payload_type"),
                        EventJson.details(json, rs.getBytes("payload"))),
                personalData.revealAll(EventJson.read(json, rs.getBytes("meta_data"))));
    }
}
