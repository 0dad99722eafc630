package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Bring a grant within its client's scopes, after an administrator narrowed them.
 *
 * @param clientScopes the client's scopes now
 */
public record NarrowGrant(@TargetAggregateIdentifier String grantId, List<String> clientScopes, Instant narrowedAt,
                          Actor actor) {
}
