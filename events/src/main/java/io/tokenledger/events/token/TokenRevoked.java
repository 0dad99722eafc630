package io.tokenledger.events.token;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A token stopped being valid before it expired.
 *
 * @param note what the administrator who revoked it wrote as the reason, or null (revision 2)
 */
@Revision("2")
public record TokenRevoked(String tokenId, String clientId, RevocationReason reason, Instant revokedAt, Actor actor,
                           String note) implements TokenEvent {

    public TokenRevoked(String tokenId, String clientId, RevocationReason reason, Instant revokedAt, Actor actor) {
        this(tokenId, clientId, reason, revokedAt, actor, null);
    }
}
