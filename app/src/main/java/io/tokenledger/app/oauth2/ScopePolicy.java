package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;

import java.util.List;
import java.util.Optional;

/** Which scopes a request may have (RFC 6749 §3.3), at the token and the authorization endpoint alike. */
public final class ScopePolicy {

    private ScopePolicy() {
    }

    /**
     * No scope asked for means everything allowed; asking for more than allowed is empty, which each endpoint
     * answers with {@code invalid_scope} in its own way.
     */
    public static Optional<List<String>> within(Scope requested, List<String> allowed) {
        if (requested == null || requested.isEmpty()) {
            return Optional.of(allowed);
        }
        List<String> scopes = requested.toStringList().stream().distinct().sorted().toList();
        return allowed.containsAll(scopes) ? Optional.of(scopes) : Optional.empty();
    }

    /** At an endpoint that answers in JSON: the scopes {@link #within} gives, or 400 {@code invalid_scope}. */
    public static List<String> clientMay(Scope requested, List<String> allowed) {
        return within(requested, allowed).orElseThrow(() -> new OAuth2Exception(OAuth2Error.INVALID_SCOPE
                .setDescription("scope not allowed for this client")));
    }
}
