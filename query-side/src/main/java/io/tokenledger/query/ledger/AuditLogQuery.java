package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenledger.events.RequestMetaData;
import io.tokenledger.query.ReadDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static io.tokenledger.query.Rows.instant;
import static io.tokenledger.query.Rows.uuid;

/**
 * Reads the audit log by filter, one keyset page at a time on the ledger position, so that even a whole export
 * holds neither a long transaction nor more than a page in memory. The details are the event's payload as stored,
 * redacted here as the event history is ({@link EventJson}): the {@code audit_log} view's SQL redaction, there for
 * analysts, is several times slower per row than Jackson.
 */
@Component
public class AuditLogQuery {

    private static final int EXPORT_PAGE = 1000;
    private static final String SELECT = """
            SELECT a.global_index, a.event_id, a.occurred_at, a.event_type, a.aggregate_type, a.aggregate_id,
                   a.sequence_number, a.client_id, a.user_id, a.token_id, a.actor,
                   e.payload_type, e.payload, e.meta_data
            FROM audit_log a JOIN domain_event_entry e ON e.global_index = a.global_index
            WHERE a.global_index > ?""";
    /**
     * A token's events are those naming it and those of the stream it lives in: a code-flow token lives in its grant's,
     * where the events that end it ({@code GrantRevoked}, a superseding rotation) name it only in a list, or not at all.
     * This is the token's history, as {@code /ledger/tokens/{id}/history} gives it. Written as a set of positions, each
     * half found by an index (the token's rows, then its streams' events): as an OR of the two, PostgreSQL read the
     * whole log in position order, 1.9 s at 1M events ({@code bench/run --pages}).
     */
    private static final String TOKEN_OR_ITS_STREAM = """
            a.global_index IN (
                SELECT global_index FROM audit_entry WHERE token_id = ?
                UNION
                SELECT s.global_index FROM domain_event_entry s
                WHERE s.aggregate_identifier IN (SELECT t.aggregate_identifier FROM audit_entry x
                                                 JOIN domain_event_entry t ON t.global_index = x.global_index
                                                 WHERE x.token_id = ?))""";
    /** A token id that is not a UUID names no token: the nil UUID, which no token has, keeps the query one shape. */
    private static final UUID NO_SUCH_TOKEN = new UUID(0, 0);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final PersonalDataReveal personalData;

    public AuditLogQuery(@ReadDatabase JdbcTemplate jdbc, ObjectMapper json, PersonalDataReveal personalData) {
        this.jdbc = jdbc;
        this.json = json;
        this.personalData = personalData;
    }

    public List<AuditEntry> page(AuditFilter filter, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(SELECT);
        args.add(filter.after());
        condition(sql, args, "a.occurred_at >= ?", utc(filter.from()));
        condition(sql, args, "a.occurred_at < ?", utc(filter.to()));
        condition(sql, args, "a.client_id = ?", filter.clientId());
        condition(sql, args, "a.user_id = ?", filter.userId());
        if (filter.tokenId() != null) {
            UUID token = uuid(filter.tokenId()).orElse(NO_SUCH_TOKEN);
            sql.append(" AND ").append(TOKEN_OR_ITS_STREAM);
            args.add(token);
            args.add(token);
        }
        condition(sql, args, "a.event_type = ?", filter.eventType());
        sql.append(" ORDER BY a.global_index LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), this::map, args.toArray());
    }

    /** Every matching row, in ledger order, page by page. */
    public void each(AuditFilter filter, Consumer<AuditEntry> consumer) {
        AuditFilter next = filter;
        List<AuditEntry> page;
        do {
            page = page(next, EXPORT_PAGE);
            page.forEach(consumer);
            if (!page.isEmpty()) {
                next = next.after(page.get(page.size() - 1).position());
            }
        } while (page.size() == EXPORT_PAGE);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.path(field).asText() : null;
    }

    private static void condition(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            args.add(value);
        }
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        long sequence = rs.getLong("sequence_number");
        // The request's context from the stored metadata, the address and user agent revealed (encrypted, issue 25):
        // the view only says they are.
        JsonNode metaData = personalData.revealAll(EventJson.read(json, rs.getBytes("meta_data")));
        return new AuditEntry(rs.getLong("global_index"), instant(rs, "occurred_at"), rs.getString("event_type"),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"), rs.wasNull() ? null : sequence,
                rs.getString("client_id"), rs.getString("user_id"), rs.getString("token_id"), rs.getString("actor"),
                text(metaData, RequestMetaData.REMOTE_ADDRESS), text(metaData, RequestMetaData.USER_AGENT),
                text(metaData, RequestMetaData.REQUEST_ID),
                personalData.revealPayload(rs.getString("payload_type"),
                        EventJson.details(json, rs.getBytes("payload"))));
    }
}
