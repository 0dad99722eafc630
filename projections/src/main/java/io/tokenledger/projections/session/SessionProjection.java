package io.tokenledger.projections.session;

import io.tokenledger.events.grant.AuthorizationCodeIssued;
import io.tokenledger.events.session.SessionEnded;
import io.tokenledger.events.session.SessionStarted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static io.tokenledger.projections.Sql.timestamp;

/**
 * Keeps {@code sessions} in step with the ledger, in the command's transaction, so the cookie a sign-in just set
 * works on the next request, on any node. A code issued on a session is its use: the idle timeout counts from it.
 */
@Component
@ProcessingGroup(SessionProjection.NAME)
public class SessionProjection {

    public static final String NAME = "sessions";

    private final JdbcTemplate jdbc;

    public SessionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(SessionStarted e) {
        jdbc.update("""
                INSERT INTO sessions (session_id, user_id, cookie_hash, methods, started_at, expires_at, last_used_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (session_id) DO NOTHING""",
                UUID.fromString(e.sessionId()), e.userId(), e.cookieHash(), String.join(" ", e.methods()),
                timestamp(e.startedAt()), timestamp(e.expiresAt()), timestamp(e.startedAt()));
    }

    @EventHandler
    public void on(AuthorizationCodeIssued e) {
        if (e.authentication() != null && e.authentication().sessionId() != null) {
            jdbc.update("UPDATE sessions SET last_used_at = GREATEST(last_used_at, ?) WHERE session_id = ?",
                    timestamp(e.issuedAt()), UUID.fromString(e.authentication().sessionId()));
        }
    }

    @EventHandler
    public void on(SessionEnded e) {
        jdbc.update("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE session_id = ? AND ended_at IS NULL",
                timestamp(e.endedAt()), e.reason().name(), UUID.fromString(e.sessionId()));
    }
}
