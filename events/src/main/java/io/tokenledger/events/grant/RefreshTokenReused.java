package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A retired refresh token was presented again: refused, and the grant revoked (RFC 9700 §4.14.2). */
@Revision("1")
public record RefreshTokenReused(String grantId, String clientId, String tokenId, Instant reusedAt, Actor actor)
        implements GrantEvent {
}
