package io.tokenledger.app.grant;

import io.tokenledger.query.client.ClientRegistration;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validated authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3). */
public record AuthorizationRequest(ClientRegistration client, URI redirectUri, List<String> scopes, String state,
                                   String codeChallenge) {

    /** The parameters the login form carries back, so the POST is validated exactly as the GET was. */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("response_type", "code");
        parameters.put("client_id", client.clientId());
        parameters.put("redirect_uri", redirectUri.toString());
        parameters.put("scope", String.join(" ", scopes));
        if (state != null) {
            parameters.put("state", state);
        }
        parameters.put("code_challenge", codeChallenge);
        parameters.put("code_challenge_method", "S256");
        return parameters;
    }
}
