package io.tokenledger.app.authorize;

import io.tokenledger.query.client.ClientRegistration;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A validated authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3).
 *
 * @param resources the resources it names (RFC 8707 §2), empty for none
 * @param nonce     OpenID Connect's {@code nonce} (Core §3.1.2.1), for the ID token; null for none
 * @param prompt    OpenID Connect's {@code prompt} values, empty for none
 * @param maxAge    OpenID Connect's {@code max_age}: how long ago the user may have signed in; null for any time
 * @param loginHint OpenID Connect's {@code login_hint}, the username the form starts with; null for none
 * @param idTokenHint the {@code id_token_hint} as sent, verified; null for none
 * @param hintedUser  the user it names, the only one whose session may answer; null for any
 * @param requestUri  the {@code request_uri} of the pushed request it is (RFC 9126), used once its code is issued;
 *                    null for a request the browser brought whole
 * @param dpopJkt     the thumbprint of the DPoP key the code is bound to ({@code dpop_jkt}, RFC 9449 §10); null for
 *                    none
 */
public record AuthorizationRequest(ClientRegistration client, URI redirectUri, List<String> scopes,
                                   List<String> resources, String state, String codeChallenge, String nonce,
                                   List<String> prompt, Duration maxAge, String loginHint, String idTokenHint,
                                   String hintedUser, String requestUri, String dpopJkt) {

    /** {@code prompt=none}: the user must not be shown anything (Core §3.1.2.1). */
    public boolean silent() {
        return prompt.contains("none");
    }

    /** {@code prompt=consent}: ask the user even for what they allowed before (Core §3.1.2.1). */
    public boolean consentForced() {
        return prompt.contains("consent");
    }

    /** Whether a session of this user, who signed in at this time, may answer without the form, at this instant. */
    public boolean acceptsSignIn(String userId, Instant signedIn, Instant now) {
        boolean forced = prompt.contains("login") || prompt.contains("select_account");
        boolean expected = hintedUser == null || hintedUser.equals(userId);
        return !forced && expected && (maxAge == null || !signedIn.plus(maxAge).isBefore(now));
    }

    /**
     * The parameters the login form carries back, so the POST is validated exactly as the GET was; a list, since
     * {@code resource} may repeat. A pushed request's are its {@code request_uri}, read again each time.
     */
    public List<Map.Entry<String, String>> parameters() {
        if (requestUri != null) {
            return List.of(Map.entry("client_id", client.clientId()), Map.entry("request_uri", requestUri));
        }
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(Map.entry("response_type", "code"));
        parameters.add(Map.entry("client_id", client.clientId()));
        parameters.add(Map.entry("redirect_uri", redirectUri.toString()));
        parameters.add(Map.entry("scope", String.join(" ", scopes)));
        resources.forEach(resource -> parameters.add(Map.entry("resource", resource)));
        if (state != null) {
            parameters.add(Map.entry("state", state));
        }
        parameters.add(Map.entry("code_challenge", codeChallenge));
        parameters.add(Map.entry("code_challenge_method", "S256"));
        if (nonce != null) {
            parameters.add(Map.entry("nonce", nonce));
        }
        if (!prompt.isEmpty()) {
            parameters.add(Map.entry("prompt", String.join(" ", prompt)));
        }
        if (maxAge != null) {
            parameters.add(Map.entry("max_age", String.valueOf(maxAge.toSeconds())));
        }
        if (idTokenHint != null) {
            parameters.add(Map.entry("id_token_hint", idTokenHint));
        }
        if (dpopJkt != null) {
            parameters.add(Map.entry("dpop_jkt", dpopJkt));
        }
        return parameters;
    }
}
