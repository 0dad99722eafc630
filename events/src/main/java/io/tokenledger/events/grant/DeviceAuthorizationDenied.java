package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The user denied the device's request; its polls are answered {@code access_denied} (RFC 8628 §3.5). */
@Revision("1")
public record DeviceAuthorizationDenied(String grantId, String clientId, String userId, Instant deniedAt,
                                        Actor actor) implements GrantEvent {
}
