package io.tokenledger.app.token;

import io.tokenledger.app.oauth2.ClientAuthenticator;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.query.client.ClientRegistration;
import io.tokenledger.query.token.TokenLookup;
import io.tokenledger.query.token.TokenState;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Instant;
import java.util.Optional;

/**
 * For the endpoints that need both: reads the calling client's registration and the token it presents in one query,
 * as client authentication asks for the registration. The presented value is hashed at once and kept no longer than
 * the request.
 */
final class CallerWithToken implements ClientAuthenticator.Registrations {

    private final Reader reader;
    private final String hash;
    private TokenLookup.CallerAndToken found =
            new TokenLookup.CallerAndToken(Optional.empty(), Optional.empty(), false);

    /** How the registration and the token are read: from the database ({@link TokenLookup#withCaller}) or a cache. */
    @FunctionalInterface
    interface Reader {
        TokenLookup.CallerAndToken read(String callerId, String hash);
    }

    /** Reads the {@code token} parameter that revocation (RFC 7009 §2.1) and introspection (RFC 7662 §2.1) carry. */
    CallerWithToken(Reader reader, HttpServletRequest request) {
        String presented = request.getParameter("token");
        this.reader = reader;
        this.hash = presented == null ? null : Secrets.sha256(presented);
    }

    @Override
    public Optional<ClientRegistration> find(String clientId) {
        found = reader.read(clientId, hash);
        return found.caller();
    }

    /** The token presented, found as either kind (RFC 7009 §2.1, RFC 7662 §2.1), once the caller authenticated. */
    Optional<Presented> token() {
        return found.token().map(state -> new Presented(state, found.refresh()));
    }

    /** A token row, and whether the presented value was its refresh token. */
    record Presented(TokenState state, boolean refresh) {

        boolean activeAt(Instant now) {
            return refresh ? state.refreshActiveAt(now) : state.activeAt(now);
        }
    }
}
