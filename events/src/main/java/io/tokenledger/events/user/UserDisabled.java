package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A user account can no longer sign in, and its grants end ({@code USER_DISABLED}). */
@Revision("1")
public record UserDisabled(String userId, Instant disabledAt, Actor actor) implements UserEvent {
}
