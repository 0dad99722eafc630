package io.tokenledger.events.consent;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * Everything the user had allowed the client was withdrawn; the client's next request for any scope asks again.
 *
 * @param withdrawn the scopes that were allowed until then
 */
@Revision("1")
public record ConsentRevoked(String consentId, String userId, String clientId, List<String> withdrawn,
                             Instant revokedAt, Actor actor) implements ConsentEvent {
}
