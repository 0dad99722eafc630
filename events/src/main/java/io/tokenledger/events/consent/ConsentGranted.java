package io.tokenledger.events.consent;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The user allowed the client these scopes.
 *
 * @param scopes    everything the user now allows the client, those allowed before included
 * @param added     the scopes this consent added
 * @param sessionId the sign-in session the user gave it in
 */
@Revision("1")
public record ConsentGranted(String consentId, String userId, String clientId, List<String> scopes,
                             List<String> added, String sessionId, Instant grantedAt, Actor actor)
        implements ConsentEvent {
}
