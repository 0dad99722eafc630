package io.tokenledger.query.token;

import java.time.Instant;
import java.util.List;

/**
 * A token's state as the read table knows it.
 *
 * @param clientRetiredAt when the token's client was retired; a retired client's tokens stop working
 */
public record TokenState(String tokenId, String clientId, String userId, String tokenType, String grantType,
                         List<String> scopes, Instant issuedAt, Instant expiresAt, Instant revokedAt,
                         Instant clientRetiredAt) {

    /** Active in the sense of RFC 7662 §2.2: not revoked, not expired, and its client still registered. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && clientRetiredAt == null && now.isBefore(expiresAt);
    }
}
