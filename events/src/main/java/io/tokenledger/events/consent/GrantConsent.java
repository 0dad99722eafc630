package io.tokenledger.events.consent;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * The user allowed the client these scopes on the consent page; added to what it had allowed before, if anything.
 * Answers whether anything was recorded ({@code false}: they were all allowed already).
 *
 * @param sessionId the sign-in session the user was in when they allowed it
 */
public record GrantConsent(@TargetAggregateIdentifier String consentId, String userId, String clientId,
                           List<String> scopes, String sessionId, Instant grantedAt, Actor actor) {
}
