package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import io.tokenledger.events.Personal;
import io.tokenledger.events.token.RevocationReason;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The grant ended: every token it issued, named here, stopped working.
 *
 * @param note   what the administrator who revoked it wrote as the reason, or null (revision 2); free text that may
 *               name people, so stored encrypted under the key of the grant's user
 * @param userId the user who gave the grant (revision 3; null in older events): whose key the note and the request's
 *               context are encrypted under
 */
@Revision("3")
public record GrantRevoked(String grantId, String clientId, List<String> tokenIds, RevocationReason reason,
                           Instant revokedAt, Actor actor, @Personal String note, String userId)
        implements GrantEvent {

    public GrantRevoked(String grantId, String clientId, List<String> tokenIds, RevocationReason reason,
                        Instant revokedAt, Actor actor) {
        this(grantId, clientId, tokenIds, reason, revokedAt, actor, null, null);
    }

    public GrantRevoked(String grantId, String clientId, List<String> tokenIds, RevocationReason reason,
                        Instant revokedAt, Actor actor, String note) {
        this(grantId, clientId, tokenIds, reason, revokedAt, actor, note, null);
    }
}
