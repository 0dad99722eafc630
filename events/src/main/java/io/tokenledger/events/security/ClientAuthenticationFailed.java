package io.tokenledger.events.security;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A caller failed to authenticate as a client at an OAuth2 endpoint.
 *
 * @param clientId the client id it claimed, truncated to 255 characters, or null when it claimed none
 * @param reason   {@code unknown_client}, {@code wrong_secret}, {@code retired_client} or {@code wrong_method}
 */
@Revision("1")
public record ClientAuthenticationFailed(String clientId, String reason, String endpoint, Instant failedAt)
        implements SecurityEvent {
}
