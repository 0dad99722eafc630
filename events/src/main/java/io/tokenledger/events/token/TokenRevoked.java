package io.tokenledger.events.token;

import io.tokenledger.events.Actor;
import io.tokenledger.events.Personal;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A token stopped being valid before it expired.
 *
 * @param note   what the administrator who revoked it wrote as the reason, or null (revision 2); free text that may
 *               name people, so stored encrypted under the key of the token's user, when it has one
 * @param userId the user the token was issued for, or null for a client's own token (revision 3): whose key the note
 *               and the request's context are encrypted under
 */
@Revision("3")
public record TokenRevoked(String tokenId, String clientId, RevocationReason reason, Instant revokedAt, Actor actor,
                           @Personal String note, String userId) implements TokenEvent {

    public TokenRevoked(String tokenId, String clientId, RevocationReason reason, Instant revokedAt, Actor actor) {
        this(tokenId, clientId, reason, revokedAt, actor, null, null);
    }

    public TokenRevoked(String tokenId, String clientId, RevocationReason reason, Instant revokedAt, Actor actor,
                        String note) {
        this(tokenId, clientId, reason, revokedAt, actor, note, null);
    }
}
