package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The user approved the device's request (RFC 8628 §3.3); the device's next poll gets the grant's first token. */
@Revision("1")
public record DeviceAuthorizationApproved(String grantId, String clientId, String userId,
                                          Authentication authentication, Instant approvedAt, Actor actor)
        implements GrantEvent {
}
