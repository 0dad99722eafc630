package io.tokenledger.events.consent;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Withdraw everything a user allowed a client; answers whether it did ({@code false}: nothing was allowed). */
public record RevokeConsent(@TargetAggregateIdentifier String consentId, Instant revokedAt, Actor actor) {
}
