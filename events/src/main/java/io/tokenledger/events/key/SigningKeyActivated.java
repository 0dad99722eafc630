package io.tokenledger.events.key;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The key signs what is issued from now on. */
@Revision("1")
public record SigningKeyActivated(String kid, Instant activatedAt, Actor actor) implements SigningKeyEvent {
}
