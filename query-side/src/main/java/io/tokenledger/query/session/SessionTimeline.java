package io.tokenledger.query.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tokenledger.query.ReadDatabase;
import io.tokenledger.query.ledger.EventLedger;
import io.tokenledger.query.ledger.LedgerEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.tokenledger.query.Rows.uuid;

/**
 * A sign-in session at any instant, from its events as the ledger had recorded them by then, not from today's
 * table; and the grants it had started by then, each a stream holding the tokens it led to.
 */
@Component
public class SessionTimeline {

    /** A session's stream holds its start and its end. */
    private static final int EVENTS = 2;

    private final EventLedger ledger;
    private final JdbcTemplate jdbc;

    public SessionTimeline(EventLedger ledger, @ReadDatabase JdbcTemplate jdbc) {
        this.ledger = ledger;
        this.jdbc = jdbc;
    }

    public Optional<SessionAsOf> asOf(String sessionId, Instant at) {
        if (uuid(sessionId).isEmpty()) {
            return Optional.empty();
        }
        List<LedgerEvent> events = ledger.stream(sessionId, -1, EVENTS);
        if (events.isEmpty() || !events.get(0).type().endsWith(".SessionStarted")) {
            return Optional.empty();
        }
        JsonNode started = events.get(0).payload();
        if (events.get(0).recordedAt().isAfter(at)) {
            return Optional.of(new SessionAsOf(sessionId, "not_started", null, null, null, null, null, null,
                    List.of()));
        }
        Optional<LedgerEvent> ended = events.stream().skip(1).filter(event -> !event.recordedAt().isAfter(at))
                                           .findFirst();
        return Optional.of(new SessionAsOf(sessionId, ended.isPresent() ? "ended" : "open",
                started.path("userId").asText(), Instant.parse(started.path("startedAt").asText()),
                Instant.parse(started.path("expiresAt").asText()),
                ended.map(end -> Instant.parse(end.payload().path("endedAt").asText())).orElse(null),
                ended.map(end -> end.payload().path("reason").asText()).orElse(null),
                ended.map(LedgerEvent::actor).orElse(null),
                grants(sessionId, at)));
    }

    private List<String> grants(String sessionId, Instant at) {
        return jdbc.queryForList("""
                SELECT grant_id::text FROM session_grants WHERE session_id = ?::uuid AND issued_at <= ?
                ORDER BY issued_at, grant_id""", String.class, sessionId, Timestamp.from(at));
    }

    /**
     * @param status {@code not_started}, {@code open} or {@code ended}, as the ledger had it then
     * @param grants the grants whose codes it had issued by then; their histories hold its tokens
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SessionAsOf(String sessionId, String status, String userId, Instant startedAt, Instant expiresAt,
                              Instant endedAt, String endReason, String endedBy, List<String> grants) {
    }
}
