package io.tokenledger.projections.device;

import io.tokenledger.events.grant.DeviceAuthorizationApproved;
import io.tokenledger.events.grant.DeviceAuthorizationDenied;
import io.tokenledger.events.grant.DeviceAuthorizationExpired;
import io.tokenledger.events.grant.DeviceAuthorizationRequested;
import io.tokenledger.events.grant.DeviceCodeRedeemed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

import static io.tokenledger.projections.Sql.scope;
import static io.tokenledger.projections.Sql.timestamp;

/**
 * Keeps {@code device_authorizations} in step with the ledger, in the command's transaction, so a device's next poll
 * and the verification page see a decision on any node. A request's events come in order from its grant's stream;
 * each change applies only to the status it follows, so a redelivered one changes nothing.
 */
@Component
@ProcessingGroup(DeviceAuthorizationProjection.NAME)
public class DeviceAuthorizationProjection {

    public static final String NAME = "device_authorizations";

    private final JdbcTemplate jdbc;

    public DeviceAuthorizationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(DeviceAuthorizationRequested e) {
        jdbc.update("""
                INSERT INTO device_authorizations (grant_id, client_id, device_code_hash, user_code_hash, scope,
                                                   status, requested_at, expires_at)
                VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)
                ON CONFLICT (grant_id) DO NOTHING""", UUID.fromString(e.grantId()), e.clientId(),
                e.deviceCodeHash(), e.userCodeHash(), scope(e.scopes()), timestamp(e.requestedAt()),
                timestamp(e.expiresAt()));
    }

    @EventHandler
    public void on(DeviceAuthorizationApproved e) {
        decide(e.grantId(), "approved", e.userId(), e.approvedAt());
    }

    @EventHandler
    public void on(DeviceAuthorizationDenied e) {
        decide(e.grantId(), "denied", e.userId(), e.deniedAt());
    }

    @EventHandler
    public void on(DeviceAuthorizationExpired e) {
        jdbc.update("UPDATE device_authorizations SET status = 'expired' WHERE grant_id = ? AND status IN "
                    + "('pending', 'approved')", UUID.fromString(e.grantId()));
    }

    @EventHandler
    public void on(DeviceCodeRedeemed e) {
        jdbc.update("UPDATE device_authorizations SET status = 'redeemed' WHERE grant_id = ? AND status = 'approved'",
                UUID.fromString(e.grantId()));
    }

    private void decide(String grantId, String status, String userId, Instant at) {
        jdbc.update("""
                UPDATE device_authorizations SET status = ?, user_id = ?, decided_at = ?
                WHERE grant_id = ? AND status = 'pending'""", status, userId, timestamp(at),
                UUID.fromString(grantId));
    }
}
