package io.tokenledger.projections.token;

import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.DeviceCodeRedeemed;
import io.tokenledger.events.grant.GrantRevoked;
import io.tokenledger.events.grant.GrantToken;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.token.AccessTokenKey;
import io.tokenledger.events.token.ExchangedFrom;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import io.tokenledger.projections.Batched;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

import static io.tokenledger.projections.Sql.scope;
import static io.tokenledger.projections.Sql.timestamp;

/**
 * Keeps {@code tokens} in step with the ledger. It runs in the command's transaction, so the row commits
 * with the event: once the endpoint answers, every node sees the token's new state.
 * Every statement is idempotent, so an event delivered twice changes nothing. The statements of a batch of events
 * (a rebuild replays a thousand at a time) are written together, in order.
 */
@Component
@ProcessingGroup(TokenProjection.NAME)
public class TokenProjection {

    public static final String NAME = "tokens";

    private static final String REVOKE = "UPDATE tokens SET revoked_at = ?, revocation_reason = ?, revoked_by = ? ";
    private static final ExchangedFrom NOT_EXCHANGED = new ExchangedFrom(null, null, false);

    private final JdbcTemplate jdbc;

    public TokenProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(TokenIssued e) {
        write("""
                INSERT INTO tokens (token_id, client_id, user_id, token_type, access_token, refresh_token, scope,
                                    audience, expires_at, created_at, grant_type, dpop_jkt, subject_token_id,
                                    actor_token_id, revoked_with_subject)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (token_id) DO NOTHING""",
                UUID.fromString(e.tokenId()), e.clientId(), e.userId(), e.tokenType(),
                AccessTokenKey.of(e.tokenId(), e.accessTokenHash()),
                e.refreshTokenHash(), scope(e.scopes()), scope(e.audience()), timestamp(e.expiresAt()),
                timestamp(e.issuedAt()), e.grantType(), e.jkt(), uuid(exchange(e).subjectTokenId()),
                uuid(exchange(e).actorTokenId()), exchange(e).revokedWithSubject());
    }

    private static ExchangedFrom exchange(TokenIssued e) {
        return e.exchangedFrom() == null ? NOT_EXCHANGED : e.exchangedFrom();
    }

    private static UUID uuid(String id) {
        return id == null ? null : UUID.fromString(id);
    }

    @EventHandler
    public void on(TokenRevoked e) {
        write(REVOKE + "WHERE token_id = ? AND revoked_at IS NULL",
                timestamp(e.revokedAt()), e.reason().name(), e.actor().toString(), UUID.fromString(e.tokenId()));
    }

    @EventHandler
    public void on(AuthorizationCodeRedeemed e) {
        insertGrantToken(e.grantId(), e.clientId(), e.userId(), "authorization_code", e.token(), e.refreshExpiresAt());
    }

    @EventHandler
    public void on(DeviceCodeRedeemed e) {
        insertGrantToken(e.grantId(), e.clientId(), e.userId(), DeviceCodeRedeemed.GRANT_TYPE, e.token(),
                e.refreshExpiresAt());
    }

    /** The used refresh token retires; on a retry, the unused successor it replaces is revoked. */
    @EventHandler
    public void on(RefreshTokenRotated e) {
        write("UPDATE tokens SET refresh_token_rotated_at = ? WHERE token_id = ? AND refresh_token_rotated_at IS NULL",
                timestamp(e.token().issuedAt()), UUID.fromString(e.fromTokenId()));
        if (e.supersededTokenId() != null) {
            write(REVOKE + "WHERE token_id = ? AND revoked_at IS NULL", timestamp(e.token().issuedAt()),
                    RevocationReason.SUPERSEDED.name(), e.actor().toString(), UUID.fromString(e.supersededTokenId()));
        }
        insertGrantToken(e.grantId(), e.clientId(), e.userId(), "refresh_token", e.token(), e.refreshExpiresAt());
    }

    @EventHandler
    public void on(GrantRevoked e) {
        write(REVOKE + "WHERE grant_id = ? AND revoked_at IS NULL",
                timestamp(e.revokedAt()), e.reason().name(), e.actor().toString(), UUID.fromString(e.grantId()));
    }

    private void write(String sql, Object... args) {
        Batched.update(jdbc, NAME, sql, args);
    }

    private void insertGrantToken(String grantId, String clientId, String userId, String grantType, GrantToken token,
                                  Instant refreshExpiresAt) {
        write("""
                INSERT INTO tokens (token_id, client_id, user_id, token_type, access_token, refresh_token, scope,
                                    audience, expires_at, created_at, grant_type, grant_id, refresh_token_expires_at,
                                    dpop_jkt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (token_id) DO NOTHING""",
                UUID.fromString(token.tokenId()), clientId, userId, token.jkt() == null ? "Bearer" : "DPoP",
                AccessTokenKey.of(token.tokenId(), token.accessTokenHash()), token.refreshTokenHash(),
                scope(token.scopes()), scope(token.audience()), timestamp(token.expiresAt()),
                timestamp(token.issuedAt()), grantType,
                UUID.fromString(grantId), timestamp(refreshExpiresAt), token.jkt());
    }
}
