package io.tokenledger.query.client;

import java.time.Instant;
import java.util.List;

/**
 * A registered client as the read table knows it.
 *
 * @param firstParty        whether its users are spared the consent page (OpenID Connect Core §3.1.2.4)
 * @param accessTokenFormat    {@code opaque} or {@code jwt} (RFC 9068)
 * @param backchannelLogoutUri where Back-Channel Logout tells it a session ended; null for none
 */
public record ClientRegistration(String clientId, String clientName, String secretHash, List<String> redirectUris,
                                 List<String> grantTypes, List<String> scopes, String tokenEndpointAuthMethod,
                                 List<String> postLogoutRedirectUris, boolean firstParty,
                                 String accessTokenFormat, String backchannelLogoutUri, Instant createdAt,
                                 Instant retiredAt) {

    public boolean active() {
        return retiredAt == null;
    }

    /** A public client (RFC 6749 §2.1, {@code token_endpoint_auth_method} {@code none}) has no secret. */
    public boolean publicClient() {
        return "none".equals(tokenEndpointAuthMethod);
    }

    public boolean jwtAccessTokens() {
        return "jwt".equals(accessTokenFormat);
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }
}
