package io.tokenledger.events.client;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The registration was deleted (RFC 7592 §2.3): the client can no longer authenticate and its tokens stop working. */
@Revision("1")
public record ClientRetired(String clientId, Instant retiredAt, Actor actor) implements ClientEvent {
}
