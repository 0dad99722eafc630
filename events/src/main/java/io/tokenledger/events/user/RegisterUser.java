package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Create a user account; username and email must be free. */
public record RegisterUser(@TargetAggregateIdentifier String userId, String username, String email,
                           String passwordHash, Instant registeredAt, Actor actor) {
}
