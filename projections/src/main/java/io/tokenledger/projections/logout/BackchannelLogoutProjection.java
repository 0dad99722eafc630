package io.tokenledger.projections.logout;

import io.tokenledger.events.logout.BackchannelLogoutDelivered;
import io.tokenledger.events.logout.BackchannelLogoutFailed;
import io.tokenledger.events.logout.BackchannelLogoutRequested;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static io.tokenledger.projections.Sql.timestamp;

/**
 * Keeps {@code backchannel_logouts} in step with the ledger, in the command's transaction: the deliveries due, and
 * how each went. An attempt's event applies only over the one before it, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(BackchannelLogoutProjection.NAME)
public class BackchannelLogoutProjection {

    public static final String NAME = "backchannel_logouts";

    private final JdbcTemplate jdbc;

    public BackchannelLogoutProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(BackchannelLogoutRequested e) {
        jdbc.update("""
                INSERT INTO backchannel_logouts (logout_id, session_id, user_id, client_id, uri, issuer, requested_at,
                                                 status, attempts, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)
                ON CONFLICT (logout_id) DO NOTHING""",
                UUID.fromString(e.logoutId()), UUID.fromString(e.sessionId()), e.userId(), e.clientId(), e.uri(),
                e.issuer(), timestamp(e.requestedAt()), timestamp(e.requestedAt()));
    }

    @EventHandler
    public void on(BackchannelLogoutDelivered e) {
        jdbc.update("""
                UPDATE backchannel_logouts SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL,
                                               delivered_at = ?, next_attempt_at = NULL
                WHERE logout_id = ? AND attempts = ?""",
                e.attempt(), e.status(), timestamp(e.attemptedAt()), UUID.fromString(e.logoutId()), e.attempt() - 1);
    }

    @EventHandler
    public void on(BackchannelLogoutFailed e) {
        jdbc.update("""
                UPDATE backchannel_logouts SET status = ?, attempts = ?, last_status = ?, last_error = ?,
                                               next_attempt_at = ?
                WHERE logout_id = ? AND attempts = ?""",
                e.abandoned() ? "abandoned" : "pending", e.attempt(), e.status(), e.error(),
                timestamp(e.retryAt()), UUID.fromString(e.logoutId()), e.attempt() - 1);
    }
}
