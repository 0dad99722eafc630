package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import io.tokenledger.events.token.RevocationReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** End a grant and every token it issued; revoking a revoked grant changes nothing. */
public record RevokeGrant(@TargetAggregateIdentifier String grantId, RevocationReason reason, Instant revokedAt,
                          Actor actor) {
}
