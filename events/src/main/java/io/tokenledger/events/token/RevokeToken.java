package io.tokenledger.events.token;

import io.tokenledger.events.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Revoke a token; revoking a revoked token changes nothing. A client may revoke only its own tokens (RFC 7009
 * §2.1): the token answers {@link RevocationOutcome}.
 */
public record RevokeToken(@TargetAggregateIdentifier String tokenId, RevocationReason reason, Instant revokedAt,
                          Actor actor, String note) {

    public RevokeToken(String tokenId, RevocationReason reason, Instant revokedAt, Actor actor) {
        this(tokenId, reason, revokedAt, actor, null);
    }
}
