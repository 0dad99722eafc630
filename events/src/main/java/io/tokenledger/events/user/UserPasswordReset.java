package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An administrator gave a user account a new password; the old one signs in no more, nor do its sign-in sessions.
 *
 * @param passwordHash a slow, salted hash ({@code bcrypt:…}); never the password
 */
@Revision("1")
public record UserPasswordReset(String userId, String passwordHash, Instant resetAt, Actor actor) implements UserEvent {
}
