package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.tokenledger.query.Rows.instant;

/**
 * Reads the audit log by filter, one keyset page at a time on the ledger position, so that even a whole export
 * holds neither a long transaction nor more than a page in memory.
 */
@Component
public class AuditLogQuery {

    private static final int EXPORT_PAGE = 1000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public AuditLogQuery(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<AuditEntry> page(AuditFilter filter, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE global_index > ?");
        args.add(filter.after());
        condition(sql, args, "occurred_at >= ?", filter.from() == null ? null : filter.from().atOffset(ZoneOffset.UTC));
        condition(sql, args, "occurred_at < ?", filter.to() == null ? null : filter.to().atOffset(ZoneOffset.UTC));
        condition(sql, args, "client_id = ?", filter.clientId());
        condition(sql, args, "user_id = ?", filter.userId());
        condition(sql, args, "token_id::text = ?", filter.tokenId());
        condition(sql, args, "event_type = ?", filter.eventType());
        sql.append(" ORDER BY global_index LIMIT ?");
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

    private static void condition(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            args.add(value);
        }
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        long sequence = rs.getLong("sequence_number");
        return new AuditEntry(rs.getLong("global_index"), instant(rs, "occurred_at"), rs.getString("event_type"),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"), rs.wasNull() ? null : sequence,
                rs.getString("client_id"), rs.getString("user_id"), rs.getString("token_id"), rs.getString("actor"),
                rs.getString("remote_address"), rs.getString("user_agent"), rs.getString("request_id"),
                details(rs.getString("details")));
    }

    private JsonNode details(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
