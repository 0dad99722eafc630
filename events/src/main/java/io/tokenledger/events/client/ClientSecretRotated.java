package io.tokenledger.events.client;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The client got a new secret; the old one stopped working. {@code secretHash} is a hash, never the secret. */
@Revision("1")
public record ClientSecretRotated(String clientId, String secretHash, Instant rotatedAt, Actor actor)
        implements ClientEvent {
}
