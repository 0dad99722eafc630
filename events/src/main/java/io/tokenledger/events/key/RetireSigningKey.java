package io.tokenledger.events.key;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Stop signing with this key; retiring a retired key records nothing. */
public record RetireSigningKey(@TargetAggregateIdentifier String kid, Instant retiredAt, Actor actor) {
}
