package io.tokenledger.projections.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenledger.events.Redaction;
import io.tokenledger.projections.Batched;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static io.tokenledger.projections.Sql.timestamp;

/**
 * Writes one {@code audit_log} row per event, keyed by its position in the ledger, so re-delivery changes nothing;
 * the rows of a batch of events go to the database together. The position is read from the event table by event
 * id, never from the tracking token: an event whose transaction committed after later ones arrives with a token at
 * the furthest position seen, not its own.
 */
@Component
@ProcessingGroup(AuditLogProjection.NAME)
public class AuditLogProjection {

    public static final String NAME = "audit_log";
    private static final String INSERT = """
            INSERT INTO audit_log (global_index, event_id, occurred_at, event_type, aggregate_type, aggregate_id,
                                   sequence_number, client_id, user_id, token_id, actor, details,
                                   remote_address, user_agent, request_id)
            VALUES ((SELECT global_index FROM domain_event_entry WHERE event_identifier = ?),
                    ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
            ON CONFLICT (global_index) DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public AuditLogProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> event) throws Exception {
        ObjectNode details = json.valueToTree(payload);
        Redaction.withoutHashes(details);
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        Batched.update(jdbc, NAME, INSERT, event.getIdentifier(), event.getIdentifier(), timestamp(event.getTimestamp()),
                event.getPayloadType().getSimpleName(),
                domain == null ? null : domain.getType(),
                domain == null ? event.getIdentifier() : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(),
                text(details, "clientId"), text(details, "userId"), tokenId(details), actor(details),
                json.writeValueAsString(details), metadata(event, "remoteAddress", 64),
                metadata(event, "userAgent", 255), metadata(event, "requestId", 64));
    }

    /** Request context the app stamped on the message; bounded to the column, whatever a client sent. */
    private static String metadata(EventMessage<?> event, String key, int max) {
        Object value = event.getMetaData().get(key);
        if (value == null) {
            return null;
        }
        String text = value.toString();
        return text.length() > max ? text.substring(0, max) : text;
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

    private static String actor(JsonNode details) {
        JsonNode actor = details.get("actor");
        return actor == null || actor.isNull() ? null : actor.get("kind").asText() + ":" + actor.get("id").asText();
    }
}
