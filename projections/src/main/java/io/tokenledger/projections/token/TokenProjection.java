package io.tokenledger.projections.token;

import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static io.tokenledger.projections.Sql.scope;
import static io.tokenledger.projections.Sql.timestamp;

/**
 * Keeps {@code tokens} in step with the ledger. It runs in the command's transaction, so the row commits
 * with the event: once the endpoint answers, every node sees the token's new state.
 * Every statement is idempotent, so an event delivered twice changes nothing.
 */
@Component
@ProcessingGroup(TokenProjection.NAME)
public class TokenProjection {

    public static final String NAME = "tokens";

    private final JdbcTemplate jdbc;

    public TokenProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(TokenIssued e) {
        jdbc.update("""
                INSERT INTO tokens (token_id, client_id, user_id, token_type, access_token, refresh_token, scope,
                                    expires_at, created_at, grant_type)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (token_id) DO NOTHING""",
                UUID.fromString(e.tokenId()), e.clientId(), e.userId(), e.tokenType(), e.accessTokenHash(),
                e.refreshTokenHash(), scope(e.scopes()), timestamp(e.expiresAt()), timestamp(e.issuedAt()),
                e.grantType());
    }

    @EventHandler
    public void on(TokenRevoked e) {
        jdbc.update("""
                UPDATE tokens SET revoked_at = ?, revocation_reason = ?, revoked_by = ?
                WHERE token_id = ? AND revoked_at IS NULL""",
                timestamp(e.revokedAt()), e.reason().name(), e.actor().toString(), UUID.fromString(e.tokenId()));
    }
}
