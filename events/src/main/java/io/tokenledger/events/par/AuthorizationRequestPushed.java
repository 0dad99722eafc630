package io.tokenledger.events.par;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A client pushed an authorization request (RFC 9126 §2) and was given a {@code request_uri} for it.
 *
 * @param requestId  the hash of the {@code request_uri} ({@code sha256:<hex>}), never the value a browser carries
 * @param parameters the authorization request's parameters, validated as the authorization endpoint validates them
 *                   (client authentication left out)
 * @param expiresAt  until when the browser may bring its {@code request_uri} to the authorization endpoint; the
 *                   sign-in that began by then may finish until {@link #completeBy()}
 */
@Revision("1")
public record AuthorizationRequestPushed(String requestId, String clientId, Map<String, List<String>> parameters,
                                         Instant pushedAt, Instant expiresAt, Actor actor)
        implements PushedRequestEvent {

    /** How long a user who arrived in time has to sign in and consent. */
    public static final Duration COMPLETION = Duration.ofMinutes(10);

    public Instant completeBy() {
        return expiresAt.plus(COMPLETION);
    }
}
