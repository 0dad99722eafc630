package io.tokenledger.projections.grant;

import io.tokenledger.events.grant.AuthorizationCodeIssued;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.AuthorizationCodeReplayed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static io.tokenledger.projections.Sql.scope;
import static io.tokenledger.projections.Sql.timestamp;

/** Keeps {@code authorization_codes} in step with the ledger, in the command's transaction. */
@Component
@ProcessingGroup(AuthorizationCodeProjection.NAME)
public class AuthorizationCodeProjection {

    public static final String NAME = "authorization_codes";

    private final JdbcTemplate jdbc;

    public AuthorizationCodeProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(AuthorizationCodeIssued e) {
        jdbc.update("""
                INSERT INTO authorization_codes (code, grant_id, client_id, user_id, redirect_uri, scope,
                                                 code_challenge, code_challenge_method, expires_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO NOTHING""",
                e.codeHash(), UUID.fromString(e.grantId()), e.clientId(), e.userId(), e.redirectUri(),
                scope(e.scopes()), e.codeChallenge(), e.codeChallengeMethod(), timestamp(e.expiresAt()),
                timestamp(e.issuedAt()));
    }

    @EventHandler
    public void on(AuthorizationCodeRedeemed e) {
        jdbc.update("UPDATE authorization_codes SET used_at = ? WHERE grant_id = ? AND used_at IS NULL",
                timestamp(e.token().issuedAt()), UUID.fromString(e.grantId()));
    }

    @EventHandler
    public void on(AuthorizationCodeReplayed e) {
        jdbc.update("UPDATE authorization_codes SET replayed_at = ? WHERE grant_id = ? AND replayed_at IS NULL",
                timestamp(e.replayedAt()), UUID.fromString(e.grantId()));
    }
}
