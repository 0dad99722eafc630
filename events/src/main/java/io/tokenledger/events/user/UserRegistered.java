package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A user account was created.
 *
 * @param passwordHash a slow, salted hash ({@code bcrypt:…}); never the password
 */
@Revision("1")
public record UserRegistered(String userId, String username, String email, String passwordHash,
                             Instant registeredAt, Actor actor) implements UserEvent {
}
