package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import io.tokenledger.events.token.RevocationReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * End a grant and every token it issued; revoking a revoked grant changes nothing. A client may end only its own
 * grants (RFC 7009 §2.1): the grant answers {@link io.tokenledger.events.token.RevocationOutcome}.
 *
 * @param presentedTokenId the token a client presented to end the grant by, or null when the grant itself is named;
 *                         one the grant already superseded ends nothing
 * @param note             what an administrator wrote as the reason, or null
 */
public record RevokeGrant(@TargetAggregateIdentifier String grantId, String presentedTokenId,
                          RevocationReason reason, Instant revokedAt, Actor actor, String note) {

    public RevokeGrant(String grantId, String presentedTokenId, RevocationReason reason, Instant revokedAt,
                       Actor actor) {
        this(grantId, presentedTokenId, reason, revokedAt, actor, null);
    }

    /** The grant itself, named by the server or an administrator. */
    public RevokeGrant(String grantId, RevocationReason reason, Instant revokedAt, Actor actor) {
        this(grantId, null, reason, revokedAt, actor);
    }
}
