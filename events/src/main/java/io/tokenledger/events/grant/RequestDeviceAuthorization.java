package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Start a grant by the device authorization grant (RFC 8628 §3.1): a device asked, a user will decide elsewhere.
 * Only hashes of the device code and the user code travel with the command.
 */
public record RequestDeviceAuthorization(@TargetAggregateIdentifier String grantId, String clientId,
                                         String deviceCodeHash, String userCodeHash, List<String> scopes,
                                         Instant requestedAt, Instant expiresAt, Actor actor) {
}
