package io.tokenledger.events.token;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A token stopped being valid before it expired. */
@Revision("1")
public record TokenRevoked(String tokenId, String clientId, RevocationReason reason, Instant revokedAt, Actor actor)
        implements TokenEvent {
}
