package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Set what OpenID Connect states about a user beyond username and email; answers whether anything changed.
 *
 * @param name the full name ({@code name}, OpenID Connect Core §5.1), or null for none
 */
public record UpdateUserProfile(@TargetAggregateIdentifier String userId, String name, boolean emailVerified,
                                Instant updatedAt, Actor actor) {
}
