package io.tokenledger.events.par;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Use a pushed authorization request for the grant about to be started; refused when it was used already, has
 * expired, or belongs to another client.
 */
public record UsePushedAuthorizationRequest(@TargetAggregateIdentifier String requestId, String clientId,
                                            String grantId, Instant usedAt, Actor actor) {
}
