package io.tokenledger.events.grant;

import io.tokenledger.events.Actor;
import io.tokenledger.events.token.RevocationReason;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The grant ended: every token it issued, named here, stopped working. */
@Revision("1")
public record GrantRevoked(String grantId, String clientId, List<String> tokenIds, RevocationReason reason,
                           Instant revokedAt, Actor actor) implements GrantEvent {
}
