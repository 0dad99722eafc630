package io.tokenledger.events.client;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Delete a registration; retiring a retired client changes nothing. */
public record RetireClient(@TargetAggregateIdentifier String clientId, Instant retiredAt, Actor actor) {
}
