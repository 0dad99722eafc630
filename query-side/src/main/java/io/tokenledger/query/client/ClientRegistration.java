package io.tokenledger.query.client;

import io.tokenledger.events.client.TokenExchangePolicy;

import java.time.Instant;
import java.util.List;

/**
 * A registered client as the read table knows it.
 *
 * @param firstParty        whether its users are spared the consent page (OpenID Connect Core §3.1.2.4)
 * @param accessTokenFormat    {@code opaque} or {@code jwt} (RFC 9068)
 * @param backchannelLogoutUri where Back-Channel Logout tells it a session ended; null for none
 * @param jwksUri              where it publishes the keys of its client assertions (RFC 7523); null for none
 * @param jwks                 those keys as a JWK set (JSON) when registered by value; null for none
 * @param requirePushedAuthorizationRequests whether it must push its authorization requests first (RFC 9126 §6)
 * @param dpopBoundAccessTokens whether its access tokens must be bound to a DPoP key (RFC 9449 §5.2)
 * @param tokenExchange        what it may ask for by token exchange (RFC 8693), when registered for that grant
 */
public record ClientRegistration(String clientId, String clientName, String secretHash, List<String> redirectUris,
                                 List<String> grantTypes, List<String> scopes, String tokenEndpointAuthMethod,
                                 List<String> postLogoutRedirectUris, boolean firstParty,
                                 String accessTokenFormat, String backchannelLogoutUri, String jwksUri,
                                 String jwks, boolean requirePushedAuthorizationRequests,
                                 boolean dpopBoundAccessTokens, TokenExchangePolicy tokenExchange, Instant createdAt,
                                 Instant retiredAt) {

    public boolean active() {
        return retiredAt == null;
    }

    /** A public client (RFC 6749 §2.1, {@code token_endpoint_auth_method} {@code none}) has no secret. */
    public boolean publicClient() {
        return "none".equals(tokenEndpointAuthMethod);
    }

    /** Authenticates with a secret ({@code client_secret_basic} or {@code client_secret_post}), of which we keep a hash. */
    public boolean holdsSecret() {
        return holdsSecret(tokenEndpointAuthMethod);
    }

    public static boolean holdsSecret(String tokenEndpointAuthMethod) {
        return tokenEndpointAuthMethod.startsWith("client_secret_");
    }

    /** Authenticates with assertions signed by its own keys ({@code private_key_jwt}, RFC 7523). */
    public boolean signsAssertions() {
        return signsAssertions(tokenEndpointAuthMethod);
    }

    public static boolean signsAssertions(String tokenEndpointAuthMethod) {
        return "private_key_jwt".equals(tokenEndpointAuthMethod);
    }

    public boolean jwtAccessTokens() {
        return "jwt".equals(accessTokenFormat);
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }
}
