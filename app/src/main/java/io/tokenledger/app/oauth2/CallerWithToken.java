package io.tokenledger.app.oauth2;

import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenState;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * For the endpoints that need both: reads the calling client's registration and the token it presents in one query,
 * as client authentication asks for the registration. The presented value is hashed at once (or, for a JWT access
 * token, its signature checked and its jti taken) and kept no longer than the request.
 */
public final class CallerWithToken {

    private CallerWithToken() {
    }

    /** How the registration and the token are read: from the database ({@link TokenLookup#withCaller}) or a cache. */
    @FunctionalInterface
    public interface Reader {
        TokenLookup.CallerAndToken read(String callerId, String hash);
    }

    /**
     * Reads the {@code token} parameter that revocation (RFC 7009 §2.1) and introspection (RFC 7662 §2.1) carry,
     * with the caller's registration; the token, found as either kind, is the authenticated request's
     * {@link AuthenticatedRequest#found()}.
     */
    public static ClientAuthenticator.Registrations<Optional<Presented>> reading(Reader reader,
                                                                               UnaryOperator<String> keyOf,
                                                                               HttpServletRequest request) {
        String hash = keyOf.apply(request.getParameter("token"));
        return clientId -> {
            TokenLookup.CallerAndToken read = reader.read(clientId, hash);
            return new ClientAuthenticator.Found<>(read.caller(),
                    read.token().map(state -> new Presented(state, read.refresh())));
        };
    }

    /** A token row, and whether the presented value was its refresh token. */
    public record Presented(TokenState state, boolean refresh) {

        public boolean activeAt(Instant now) {
            return refresh ? state.refreshActiveAt(now) : state.activeAt(now);
        }
    }
}
