package io.tokenledger.query.client;

import java.time.Instant;
import java.util.List;

/**
 * A registered client as the read table knows it.
 *
 * @param firstParty whether its users are spared the consent page (OpenID Connect Core §3.1.2.4)
 */
public record ClientRegistration(String clientId, String clientName, String secretHash, List<String> redirectUris,
                                 List<String> grantTypes, List<String> scopes, String tokenEndpointAuthMethod,
                                 List<String> postLogoutRedirectUris, boolean firstParty, Instant createdAt,
                                 Instant retiredAt) {

    public boolean active() {
        return retiredAt == null;
    }

    /** A public client (RFC 6749 §2.1, {@code token_endpoint_auth_method} {@code none}) has no secret. */
    public boolean publicClient() {
        return "none".equals(tokenEndpointAuthMethod);
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }
}
