package io.tokenledger.projections.client;

import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.ClientRetired;
import io.tokenledger.events.client.ClientSecretRotated;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.client.RegistrationAccessTokenIssued;
import io.tokenledger.events.client.TokenExchangePolicy;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static io.tokenledger.projections.Sql.array;
import static io.tokenledger.projections.Sql.scope;
import static io.tokenledger.projections.Sql.timestamp;

/** Keeps {@code clients} in step with the ledger; runs in the command's transaction (read-your-writes). */
@Component
@ProcessingGroup(ClientProjection.NAME)
public class ClientProjection {

    public static final String NAME = "clients";
    /** What client_secret (NOT NULL in the seed schema) holds for a public client, which has no secret. */
    public static final String PUBLIC_CLIENT = "none";

    private final JdbcTemplate jdbc;

    public ClientProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(ClientRegistered e) {
        jdbc.update("""
                INSERT INTO clients (client_id, client_secret, client_name, redirect_uris, grant_types, scope,
                                     token_endpoint_auth_method, post_logout_redirect_uris, first_party,
                                     access_token_format, backchannel_logout_uri, jwks_uri, jwks,
                                     require_pushed_authorization_requests, dpop_bound_access_tokens,
                                     token_exchange_audiences, token_exchange_revoked_with_subject, registered_by,
                                     created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (client_id) DO NOTHING""",
                e.clientId(), e.secretHash() == null ? PUBLIC_CLIENT : e.secretHash(), e.clientName(),
                array(e.redirectUris()), array(e.grantTypes()), scope(e.scopes()), e.tokenEndpointAuthMethod(),
                array(e.postLogoutRedirectUris()), firstParty(e.firstParty()), format(e.accessTokenFormat()),
                e.backchannelLogoutUri(), e.jwksUri(), e.jwks(), Boolean.TRUE.equals(e.requirePushedAuthorizationRequests()),
                Boolean.TRUE.equals(e.dpopBoundAccessTokens()), exchangeAudiences(e.tokenExchange()),
                exchangeRevokedWithSubject(e.tokenExchange()), e.actor().toString(),
                timestamp(e.registeredAt()), timestamp(e.registeredAt()));
    }

    /** A change older than the row's last one is a redelivery, and must not undo what came after it. */
    @EventHandler
    public void on(ClientUpdated e) {
        jdbc.update("""
                UPDATE clients SET client_name = ?, redirect_uris = ?, grant_types = ?, scope = ?,
                                   token_endpoint_auth_method = ?, post_logout_redirect_uris = ?, first_party = ?,
                                   access_token_format = ?, backchannel_logout_uri = ?, jwks_uri = ?, jwks = ?,
                                   require_pushed_authorization_requests = ?, dpop_bound_access_tokens = ?,
                                   token_exchange_audiences = ?, token_exchange_revoked_with_subject = ?,
                                   updated_at = ?
                WHERE client_id = ? AND updated_at <= ?""",
                e.clientName(), array(e.redirectUris()), array(e.grantTypes()), scope(e.scopes()),
                e.tokenEndpointAuthMethod(), array(e.postLogoutRedirectUris()), firstParty(e.firstParty()),
                format(e.accessTokenFormat()), e.backchannelLogoutUri(), e.jwksUri(), e.jwks(),
                Boolean.TRUE.equals(e.requirePushedAuthorizationRequests()),
                Boolean.TRUE.equals(e.dpopBoundAccessTokens()), exchangeAudiences(e.tokenExchange()),
                exchangeRevokedWithSubject(e.tokenExchange()), timestamp(e.updatedAt()),
                e.clientId(), timestamp(e.updatedAt()));
    }

    @EventHandler
    public void on(ClientSecretRotated e) {
        jdbc.update("UPDATE clients SET client_secret = ?, updated_at = ? WHERE client_id = ? AND updated_at <= ?",
                e.secretHash(), timestamp(e.rotatedAt()), e.clientId(), timestamp(e.rotatedAt()));
    }

    @EventHandler
    public void on(RegistrationAccessTokenIssued e) {
        jdbc.update("UPDATE clients SET registration_token_hash = ? WHERE client_id = ?", e.tokenHash(),
                e.clientId());
    }

    /** Events from before consent was asked for do not say, and their clients' users were never asked. */
    private static boolean firstParty(Boolean stated) {
        return stated == null || stated;
    }

    /** Events before revision 9, and clients that registered no token exchange policy, leave it out. */
    private static String[] exchangeAudiences(TokenExchangePolicy policy) {
        return array(policy == null ? null : policy.audiences());
    }

    private static boolean exchangeRevokedWithSubject(TokenExchangePolicy policy) {
        return policy != null && policy.revokedWithSubject();
    }

    /** Events before revision 4 knew only opaque access tokens. */
    private static String format(String stated) {
        return stated == null ? "opaque" : stated;
    }

    /** Retiring is what makes introspection call the client's tokens inactive: they join on retired_at. */
    @EventHandler
    public void on(ClientRetired e) {
        jdbc.update("UPDATE clients SET retired_at = ?, updated_at = ? WHERE client_id = ? AND retired_at IS NULL",
                timestamp(e.retiredAt()), timestamp(e.retiredAt()), e.clientId());
    }
}
