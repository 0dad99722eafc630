package io.tokenledger.projections.consent;

import io.tokenledger.events.consent.ConsentGranted;
import io.tokenledger.events.consent.ConsentRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static io.tokenledger.projections.Sql.scope;
import static io.tokenledger.projections.Sql.timestamp;

/**
 * Keeps {@code consents} in step with the ledger, in the command's transaction, so the authorization request that
 * follows a consent finds it on any node. A consent's events come in order from its one stream; a redelivered older
 * one is ignored.
 */
@Component
@ProcessingGroup(ConsentProjection.NAME)
public class ConsentProjection {

    public static final String NAME = "consents";

    private final JdbcTemplate jdbc;

    public ConsentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ConsentGranted e) {
        jdbc.update("""
                INSERT INTO consents (consent_id, user_id, client_id, scope, granted_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (consent_id) DO UPDATE SET scope = EXCLUDED.scope, granted_at = EXCLUDED.granted_at,
                                                       revoked_at = NULL
                WHERE consents.granted_at <= EXCLUDED.granted_at
                  AND (consents.revoked_at IS NULL OR consents.revoked_at <= EXCLUDED.granted_at)""",
                e.consentId(), e.userId(), e.clientId(), scope(e.scopes()), timestamp(e.grantedAt()));
    }

    @EventHandler
    public void on(ConsentRevoked e) {
        jdbc.update("UPDATE consents SET scope = NULL, revoked_at = ? WHERE consent_id = ? AND granted_at <= ?",
                timestamp(e.revokedAt()), e.consentId(), timestamp(e.revokedAt()));
    }
}
