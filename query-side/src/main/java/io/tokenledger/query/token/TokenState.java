package io.tokenledger.query.token;

import java.time.Instant;
import java.util.List;

/**
 * A token's state as the read table knows it.
 *
 * @param audience         the resources it is for (RFC 8707); empty when it is not restricted
 * @param grantId          the authorization grant it belongs to, or null for client credentials
 * @param refreshExpiresAt when its refresh token stops working, or null without one
 * @param refreshRotatedAt when its refresh token was used and retired, or null
 * @param clientRetiredAt  when the token's client was retired; a retired client's tokens stop working
 * @param dpopJkt          the thumbprint of the DPoP key it is bound to (RFC 9449 §6), or null for a bearer token
 */
public record TokenState(String tokenId, String clientId, String userId, String tokenType, String grantType,
                         List<String> scopes, List<String> audience, Instant issuedAt, Instant expiresAt, Instant revokedAt,
                         String grantId, Instant refreshExpiresAt, Instant refreshRotatedAt,
                         Instant clientRetiredAt, String dpopJkt) {

    /** The access token is active in the sense of RFC 7662 §2.2: not revoked, not expired, its client registered. */
    public boolean activeAt(Instant now) {
        return TokenStatus.at(now, issuedAt, expiresAt, revokedAt, clientRetiredAt) == TokenStatus.ACTIVE;
    }

    /** The refresh token is active: usable, not yet retired by a rotation, and within the grant's lifetime. */
    public boolean refreshActiveAt(Instant now) {
        return usable() && refreshExpiresAt != null && refreshRotatedAt == null && now.isBefore(refreshExpiresAt);
    }

    private boolean usable() {
        return revokedAt == null && clientRetiredAt == null;
    }
}
