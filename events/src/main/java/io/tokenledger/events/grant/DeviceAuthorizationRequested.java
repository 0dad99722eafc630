package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A device asked for authorization (RFC 8628 §3.1); the grant waits for a user to approve or deny it by the user
 * code until {@code expiresAt}.
 *
 * @param deviceCodeHash {@code sha256:<hex>} of the device code the device polls with; the code is never recorded
 * @param userCodeHash   {@code hmac-sha256:<hex>} of the user code, normalised (upper case, no separators), under
 *                       a key of the server: a plain hash of a code this short would be reversed in seconds
 */
@Revision("1")
public record DeviceAuthorizationRequested(String grantId, String clientId, String deviceCodeHash,
                                           String userCodeHash, List<String> scopes, Instant requestedAt,
                                           Instant expiresAt, Actor actor) implements GrantEvent {
}
