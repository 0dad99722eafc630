package io.tokenledger.events.logout;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A client is to be told that a session ended: each attempt sends it a logout token (a JWT of {@code typ}
 * {@code logout+jwt}) with {@code iss} this, {@code aud} the client, {@code sub} the user, {@code sid} the session,
 * {@code jti} the logout id and the back-channel logout event, signed at the attempt and stated by its event.
 *
 * @param uri the client's {@code backchannel_logout_uri} at the time
 */
@Revision("1")
public record BackchannelLogoutRequested(String logoutId, String sessionId, String userId, String clientId,
                                         String uri, String issuer, Instant requestedAt, Actor actor)
        implements BackchannelLogoutEvent {
}
