package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import io.tokenledger.events.Personal;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A user account was created.
 *
 * @param username     personal data, stored encrypted under the user's key, as is {@code email}
 * @param passwordHash a slow, salted hash ({@code bcrypt:…}); never the password
 */
@Revision("1")
public record UserRegistered(String userId, @Personal String username, @Personal String email,
                             String passwordHash, Instant registeredAt, Actor actor) implements UserEvent {
}
