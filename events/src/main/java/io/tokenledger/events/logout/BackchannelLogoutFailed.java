package io.tokenledger.events.logout;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An attempt to deliver a logout token failed.
 *
 * @param attempt which attempt it was, from 1
 * @param keyId   the key that signed the logout token of this attempt, issued at {@code attemptedAt}
 * @param status  the HTTP status the client answered, or null when it answered none
 * @param error   why there was no answer (timeout, refused connection), or null
 * @param retryAt when the next attempt is due; null when this was the last: the logout is abandoned
 */
@Revision("1")
public record BackchannelLogoutFailed(String logoutId, String clientId, int attempt, String keyId, Integer status,
                                      String error, Instant attemptedAt, Instant retryAt, Actor actor)
        implements BackchannelLogoutEvent {

    public boolean abandoned() {
        return retryAt == null;
    }
}
