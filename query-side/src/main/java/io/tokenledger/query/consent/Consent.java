package io.tokenledger.query.consent;

import java.time.Instant;
import java.util.List;

/**
 * What a user allows a client now.
 *
 * @param grantedAt when the user last allowed it something
 */
public record Consent(String clientId, String clientName, List<String> scopes, Instant grantedAt) {
}
