package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import io.tokenledger.events.token.RevocationReason;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The grant ended: every token it issued, named here, stopped working.
 *
 * @param note what the administrator who revoked it wrote as the reason, or null (revision 2)
 */
@Revision("2")
public record GrantRevoked(String grantId, String clientId, List<String> tokenIds, RevocationReason reason,
                           Instant revokedAt, Actor actor, String note) implements GrantEvent {

    public GrantRevoked(String grantId, String clientId, List<String> tokenIds, RevocationReason reason,
                        Instant revokedAt, Actor actor) {
        this(grantId, clientId, tokenIds, reason, revokedAt, actor, null);
    }
}
