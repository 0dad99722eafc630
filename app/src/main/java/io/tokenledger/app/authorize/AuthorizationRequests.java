package io.tokenledger.app.authorize;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.ResourceIndicators;
import io.tokenledger.app.oauth2.ScopePolicy;
import io.tokenledger.app.oidc.IdTokenHints;
import io.tokenledger.query.client.ClientLookup;
import io.tokenledger.query.client.ClientRegistration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Validates authorization requests in the order RFC 6749 §4.1.2.1 needs: first what decides whether the client
 * can be trusted with a redirect (client and exact redirect URI), then everything else, answered by redirect.
 */
@Component
public class AuthorizationRequests {

    /** A S256 challenge is the base64url SHA-256 of the verifier: 43 characters (RFC 7636 §4.2). */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "scope",
            "state", "code_challenge", "code_challenge_method", "nonce", "prompt", "max_age", "login_hint",
            "id_token_hint");
    private static final List<String> PROMPTS = List.of("none", "login", "consent", "select_account");
    private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,9}");
    private static final int MAX_LOGIN_HINT = 255;
    /** A nonce is the client's random value or a hash of one (OpenID Connect Core §15.5.2); far more is abuse. */
    private static final int MAX_NONCE = 512;

    private final ClientLookup clients;
    private final IdTokenHints hints;

    public AuthorizationRequests(ClientLookup clients, IdTokenHints hints) {
        this.clients = clients;
        this.hints = hints;
    }

    public AuthorizationRequest validate(HttpServletRequest request) {
        ClientRegistration client = clients.find(single(request, "client_id"))
                                           .filter(ClientRegistration::active)
                                           .orElseThrow(() -> AuthorizationError.page("unknown client"));
        String redirect = single(request, "redirect_uri");
        if (redirect == null || !RedirectUriMatch.registered(client.redirectUris(), redirect)) {
            throw AuthorizationError.page("redirect_uri is missing or not registered for this client");
        }
        URI redirectUri = URI.create(redirect);
        String state = optional(request, "state");
        Refusals refuse = new Refusals(redirectUri, state);
        if (PARAMETERS.stream().anyMatch(name -> count(request, name) > 1)) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "a parameter was included more than once");
        }
        checkResponseType(request.getParameter("response_type"), client, refuse);
        String challenge = checkPkce(request, refuse);
        List<String> scopes = ScopePolicy.within(Scope.parse(request.getParameter("scope")), client.scopes())
                                         .orElseThrow(() -> refuse.with(OAuth2Error.INVALID_SCOPE,
                                                 "scope not allowed for this client"));
        String idTokenHint = optional(request, "id_token_hint");
        return new AuthorizationRequest(client, redirectUri, scopes, resources(request, refuse), state, challenge,
                nonce(request, refuse), prompt(request, refuse), maxAge(request, refuse), loginHint(request),
                idTokenHint, hintedUser(idTokenHint, refuse));
    }

    /**
     * Core §3.1.2.1: the {@code id_token_hint} names the user the client expects; only a session of that user may
     * answer. A hint this server did not issue is {@code invalid_request}.
     */
    private String hintedUser(String hint, Refusals refuse) {
        if (hint == null) {
            return null;
        }
        return hints.verify(hint).map(JWTClaimsSet::getSubject).orElseThrow(() -> refuse.with(
                OAuth2Error.INVALID_REQUEST, "id_token_hint is not an ID token this server issued"));
    }

    /** OpenID Connect Core §3.1.2.1: known values, and none alone. */
    private static List<String> prompt(HttpServletRequest request, Refusals refuse) {
        String prompt = optional(request, "prompt");
        List<String> values = prompt == null ? List.of() : List.of(prompt.trim().split(" +"));
        if (!PROMPTS.containsAll(values)) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "prompt may hold only " + String.join(", ", PROMPTS));
        }
        if (values.contains("none") && values.size() > 1) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "prompt=none cannot be combined with other values");
        }
        return values;
    }

    private static Duration maxAge(HttpServletRequest request, Refusals refuse) {
        String maxAge = optional(request, "max_age");
        if (maxAge == null) {
            return null;
        }
        if (!MAX_AGE.matcher(maxAge).matches()) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "max_age must be a number of seconds");
        }
        return Duration.ofSeconds(Long.parseLong(maxAge));
    }

    /** Only a hint: one that is too long is dropped rather than refused. */
    private static String loginHint(HttpServletRequest request) {
        String hint = optional(request, "login_hint");
        return hint == null || hint.length() > MAX_LOGIN_HINT ? null : hint;
    }

    private static String nonce(HttpServletRequest request, Refusals refuse) {
        String nonce = optional(request, "nonce");
        if (nonce != null && nonce.length() > MAX_NONCE) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "nonce is longer than " + MAX_NONCE + " characters");
        }
        return nonce;
    }

    /** RFC 6749 §3.1: a parameter sent without a value is treated as omitted. */
    private static String optional(HttpServletRequest request, String name) {
        return Optional.ofNullable(request.getParameter(name)).filter(value -> !value.isEmpty()).orElse(null);
    }

    /** RFC 8707 §2: the resources the client wants the user to authorize it for; a bad one is redirected back. */
    private static List<String> resources(HttpServletRequest request, Refusals refuse) {
        try {
            return ResourceIndicators.of(request.getParameterValues(ResourceIndicators.PARAMETER));
        } catch (OAuth2Exception e) {
            throw refuse.with(OAuth2Error.INVALID_TARGET, e.error().getDescription());
        }
    }

    private static void checkResponseType(String responseType, ClientRegistration client, Refusals refuse) {
        if (responseType == null) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "response_type is required");
        }
        if (!"code".equals(responseType)) {
            throw refuse.with(OAuth2Error.UNSUPPORTED_RESPONSE_TYPE, "only response_type=code is supported");
        }
        if (!client.allowsGrant(GrantType.AUTHORIZATION_CODE.getValue())) {
            throw refuse.with(OAuth2Error.UNAUTHORIZED_CLIENT, "client is not registered for authorization_code");
        }
    }

    /** RFC 9700 §2.1.1: PKCE with S256 for every client; plain and a missing challenge are refused. */
    private static String checkPkce(HttpServletRequest request, Refusals refuse) {
        String challenge = request.getParameter("code_challenge");
        if (challenge == null) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "code_challenge is required (PKCE)");
        }
        if (!"S256".equals(request.getParameter("code_challenge_method"))) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "code_challenge_method must be S256");
        }
        if (!S256_CHALLENGE.matcher(challenge).matches()) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "code_challenge is not a S256 challenge");
        }
        return challenge;
    }

    private static String single(HttpServletRequest request, String name) {
        if (count(request, name) > 1) {
            throw AuthorizationError.page(name + " was included more than once");
        }
        return request.getParameter(name);
    }

    private static int count(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? 0 : values.length;
    }

    private record Refusals(URI redirectUri, String state) {

        AuthorizationError with(com.nimbusds.oauth2.sdk.ErrorObject error, String description) {
            return AuthorizationError.redirect(error.setDescription(description), redirectUri, state);
        }
    }
}
