package io.tokenledger.events.par;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A pushed authorization request was used, once (RFC 9126 §4): the user's authorization that follows issues its
 * code.
 *
 * @param grantId the grant whose authorization code it became
 */
@Revision("1")
public record PushedAuthorizationRequestUsed(String requestId, String clientId, String grantId, Instant usedAt,
                                             Actor actor)
        implements PushedRequestEvent {
}
