package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * No user decided on the device's request before it expired; its polls are answered {@code expired_token} (RFC 8628
 * §3.5). Recorded once, when a poll or a user first finds it expired.
 */
@Revision("1")
public record DeviceAuthorizationExpired(String grantId, String clientId, Instant expiredAt, Actor actor)
        implements GrantEvent {
}
