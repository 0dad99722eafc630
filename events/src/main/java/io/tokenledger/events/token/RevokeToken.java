package io.tokenledger.events.token;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Revoke a token; revoking a revoked token changes nothing. */
public record RevokeToken(@TargetAggregateIdentifier String tokenId, RevocationReason reason, Instant revokedAt,
                          Actor actor) {
}
