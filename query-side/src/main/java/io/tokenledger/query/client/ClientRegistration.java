package io.tokenledger.query.client;

import java.time.Instant;
import java.util.List;

/** A registered client as the read table knows it. */
public record ClientRegistration(String clientId, String clientName, String secretHash, List<String> redirectUris,
                                 List<String> grantTypes, List<String> scopes, String tokenEndpointAuthMethod,
                                 Instant createdAt, Instant retiredAt) {

    public boolean active() {
        return retiredAt == null;
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }
}
