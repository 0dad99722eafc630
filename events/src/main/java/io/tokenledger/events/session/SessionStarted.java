package io.tokenledger.events.session;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A user signed in and a session began (OpenID Connect's {@code sid}): while it lasts, the session cookie signs the
 * user in to other clients without the form, with this sign-in's time as their {@code auth_time}.
 *
 * @param cookieHash {@code sha256:<hex>} of the session cookie; the cookie itself is never recorded
 * @param methods    how the user authenticated ({@code amr}, RFC 8176)
 * @param startedAt  when the user authenticated
 * @param expiresAt  the end of its absolute lifetime; it may end sooner, idle or logged out
 */
@Revision("1")
public record SessionStarted(String sessionId, String userId, String cookieHash, List<String> methods,
                             Instant startedAt, Instant expiresAt, Actor actor) implements SessionEvent {
}
