package io.tokenledger.app.token;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import io.tokenledger.app.oauth2.OAuth2Exception;

import java.util.List;

/** Which scopes a request may have (RFC 6749 §3.3). */
final class ScopePolicy {

    private ScopePolicy() {
    }

    /** No scope asked for means everything allowed; asking for more than allowed is {@code invalid_scope}. */
    static List<String> grant(Scope requested, List<String> allowed) {
        if (requested == null || requested.isEmpty()) {
            return allowed;
        }
        List<String> scopes = requested.toStringList().stream().distinct().sorted().toList();
        if (!allowed.containsAll(scopes)) {
            throw new OAuth2Exception(OAuth2Error.INVALID_SCOPE.setDescription("scope not allowed for this client"));
        }
        return scopes;
    }
}
