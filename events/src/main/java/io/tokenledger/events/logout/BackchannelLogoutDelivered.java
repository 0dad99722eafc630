package io.tokenledger.events.logout;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The client answered a logout token with 2xx (Back-Channel Logout 1.0 §2.8).
 *
 * @param attempt     which attempt it was, from 1
 * @param keyId       the key that signed the logout token of this attempt, issued at {@code attemptedAt}
 */
@Revision("1")
public record BackchannelLogoutDelivered(String logoutId, String clientId, int attempt, String keyId, int status,
                                         Instant attemptedAt, Actor actor) implements BackchannelLogoutEvent {
}
