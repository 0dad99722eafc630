package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/** Give a user exactly these roles (none to take every role away); answers whether anything changed. */
public record ChangeUserRoles(@TargetAggregateIdentifier String userId, Set<UserRole> roles, Instant changedAt,
                              Actor actor) {

    public ChangeUserRoles {
        roles = Set.copyOf(roles);
    }
}
