package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A user's roles were set: the whole set, so the newest of these events says what the user holds.
 *
 * @param roles every role the user now holds, sorted; empty when the last was taken away
 */
@Revision("1")
public record UserRolesChanged(String userId, List<UserRole> roles, Instant changedAt, Actor actor)
        implements UserEvent {

    public UserRolesChanged {
        roles = roles.stream().sorted().distinct().toList();
    }
}
