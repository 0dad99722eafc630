package io.tokenledger.events.user;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Give a user account a new password, chosen by an administrator. */
public record ResetUserPassword(@TargetAggregateIdentifier String userId, String passwordHash, Instant resetAt,
                                Actor actor) {
}
