package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A redeemed code was presented again: refused, and the grant revoked (RFC 9700 §4.2.4). */
@Revision("1")
public record AuthorizationCodeReplayed(String grantId, String clientId, Instant replayedAt, Actor actor)
        implements GrantEvent {
}
