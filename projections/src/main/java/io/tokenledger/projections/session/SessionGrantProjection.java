package io.tokenledger.projections.session;

import io.tokenledger.events.grant.AuthorizationCodeIssued;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static io.tokenledger.projections.Sql.timestamp;

/**
 * Keeps {@code session_grants}: the grants each sign-in session started, so that a session's tokens are found
 * without reading every code's event. Unlike {@code authorization_codes}, retention leaves it alone.
 */
@Component
@ProcessingGroup(SessionGrantProjection.NAME)
public class SessionGrantProjection {

    public static final String NAME = "session_grants";

    private final JdbcTemplate jdbc;

    public SessionGrantProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(AuthorizationCodeIssued e) {
        if (e.authentication() != null && e.authentication().sessionId() != null) {
            jdbc.update("""
                    INSERT INTO session_grants (session_id, grant_id, client_id, issued_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (grant_id) DO NOTHING""",
                    UUID.fromString(e.authentication().sessionId()), UUID.fromString(e.grantId()), e.clientId(),
                    timestamp(e.issuedAt()));
        }
    }
}
