package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import io.tokenledger.events.Personal;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The standard claims of a user (OpenID Connect Core §5.1) that UserInfo states were set: its {@code name} and
 * whether its email was verified ({@code email_verified}).
 *
 * @param name the full name, or null for none; personal data, stored encrypted under the user's key
 */
@Revision("1")
public record UserProfileUpdated(String userId, @Personal String name, boolean emailVerified, Instant updatedAt,
                                 Actor actor) implements UserEvent {
}
