package io.tokenledger.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.projections.Batched;
import io.tokenledger.projections.EventKey;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static io.tokenledger.projections.Sql.timestamp;

/**
 * Writes one {@code audit_entry} row per event, keyed by its position in the ledger, so re-delivery changes nothing;
 * the rows of a batch of events go to the database together. A row holds what the audit log is filtered by; the
 * {@code audit_log} view reads the rest from the event row. The position is read from the event table by the
 * event's {@link EventKey}, never from the tracking token: an event whose transaction committed after later ones
 * arrives with a token at the furthest position seen, not its own.
 */
@Component
@ProcessingGroup(AuditLogProjection.NAME)
public class AuditLogProjection {

    public static final String NAME = "audit_log";
    private static final String INSERT = """
            INSERT INTO audit_entry (global_index, occurred_at, event_type, client_id, user_id, token_id)
            VALUES ((SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?),
                    ?, ?, ?, ?, ?)
            ON CONFLICT (global_index) DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public AuditLogProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> event) {
        JsonNode details = json.valueToTree(payload);
        EventKey key = EventKey.of(event);
        Batched.update(jdbc, NAME, INSERT, key.aggregateIdentifier(), key.sequenceNumber(),
                timestamp(event.getTimestamp()), event.getPayloadType().getSimpleName(), text(details, "clientId"),
                text(details, "userId"), tokenId(details));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The token an event is about: its own, or the one a grant event issued. */
    private static UUID tokenId(JsonNode details) {
        String id = text(details, "tokenId");
        if (id == null && details.get("token") != null) {
            id = text(details.get("token"), "tokenId");
        }
        return id == null ? null : UUID.fromString(id);
    }
}
