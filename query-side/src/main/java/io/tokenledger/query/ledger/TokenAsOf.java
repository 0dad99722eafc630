package io.tokenledger.query.ledger;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * A token's state at an instant, folded from the ledger's events recorded up to that instant.
 *
 * @param status {@code active}, {@code expired}, {@code revoked}, {@code client_retired}, or {@code not_issued}
 *               when the token did not exist yet
 * @param revocationNote what the administrator who revoked it wrote as the reason, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenAsOf(String tokenId, Instant asOf, String status, String clientId, String userId, String grantId,
                        String grantType, List<String> scopes, Instant issuedAt, Instant expiresAt, Instant revokedAt,
                        String revocationReason, String revokedBy, String revocationNote, Instant refreshExpiresAt,
                        Instant refreshRetiredAt, int eventsConsidered) {
}
