package io.tokenledger.events.key;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The key signs nothing more; it stays published until tokens it signed can no longer be in use. */
@Revision("1")
public record SigningKeyRetired(String kid, Instant retiredAt, Actor actor) implements SigningKeyEvent {
}
