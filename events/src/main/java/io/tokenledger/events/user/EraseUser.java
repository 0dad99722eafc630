package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Erase a person ({@link UserErased}); answers whether this erased them ({@code false}: they were already). */
public record EraseUser(@TargetAggregateIdentifier String userId, String reason, String requestedBy,
                        Instant erasedAt, Actor actor) {
}
