package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Stop a user account signing in; answers whether this disabled it ({@code false}: it was already). */
public record DisableUser(@TargetAggregateIdentifier String userId, Instant disabledAt, Actor actor) {
}
