package io.tokenledger.events.key;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Sign with this key from now on; activating an active key records nothing. */
public record ActivateSigningKey(@TargetAggregateIdentifier String kid, Instant activatedAt, Actor actor) {
}
