package io.tokenledger.app.authorize;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import io.tokenledger.app.client.Clients;
import io.tokenledger.app.config.PushedRequestProperties;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.oauth2.ResourceIndicators;
import io.tokenledger.app.oauth2.ScopePolicy;
import io.tokenledger.app.oidc.IdTokenHints;
import io.tokenledger.query.client.ClientRegistration;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Validates authorization requests in the order RFC 6749 §4.1.2.1 needs: first what decides whether the client
 * can be trusted with a redirect (client and exact redirect URI), then everything else, answered by redirect.
 */
@Component
public class AuthorizationRequests {

    /**
     * A S256 challenge is the base64url SHA-256 of the verifier: 43 characters (RFC 7636 §4.2); so is a JWK thumbprint
     * (RFC 7638).
     */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "scope",
            "state", "code_challenge", "code_challenge_method", "nonce", "prompt", "max_age", "login_hint",
            "id_token_hint", "dpop_jkt");
    private static final Set<String> PUSHABLE = Stream.concat(PARAMETERS.stream(),
            Stream.of(ResourceIndicators.PARAMETER)).collect(Collectors.toUnmodifiableSet());
    private static final List<String> PROMPTS = List.of("none", "login", "consent", "select_account");
    private static final Pattern MAX_AGE = Pattern.compile("[0-9]{1,9}");
    private static final int MAX_LOGIN_HINT = 255;
    /** Far more than any client's random value or reference needs (RFC 6749 §10.12 asks only for one). */
    private static final int MAX_STATE = 2048;
    /** A nonce is the client's random value or a hash of one (OpenID Connect Core §15.5.2); far more is abuse. */
    private static final int MAX_NONCE = 512;

    private final Clients clients;
    private final IdTokenHints hints;
    private final PushedRequests pushedRequests;
    private final boolean pushRequired;

    public AuthorizationRequests(Clients clients, IdTokenHints hints, PushedRequests pushedRequests,
                                 PushedRequestProperties settings) {
        this.clients = clients;
        this.hints = hints;
        this.pushedRequests = pushedRequests;
        this.pushRequired = settings.requirePushedAuthorizationRequests();
    }

    /** An authorization request's parameters, from the browser or from the client that pushed them. */
    @FunctionalInterface
    private interface Parameters {
        String[] values(String name);
    }

    /**
     * The request as the browser brought it, or, when it names a {@code request_uri} (RFC 9126 §4), the request its
     * client pushed, of which the browser's other parameters change nothing. A client that must push its requests
     * (its registration, or {@code LEDGER_REQUIRE_PUSHED_AUTHORIZATION_REQUESTS}) is refused anything else.
     */
    public AuthorizationRequest validate(HttpServletRequest http) {
        return validate(http, true);
    }

    /** The same, for the sign-in and consent pages' submissions, which a pushed request's browser has until later. */
    public AuthorizationRequest continuing(HttpServletRequest http) {
        return validate(http, false);
    }

    private AuthorizationRequest validate(HttpServletRequest http, boolean arriving) {
        Parameters front = http::getParameterValues;
        String requestUri = optional(front, "request_uri");
        if (requestUri != null) {
            String clientId = single(front, "client_id");
            Map<String, List<String>> pushed = pushedRequests.find(requestUri, clientId, arriving).orElseThrow(() ->
                    AuthorizationError.page("request_uri is unknown, expired, used, or another client's"));
            return validate(name -> array(pushed.get(name)), requestUri);
        }
        AuthorizationRequest authorization = validate(front, null);
        if (pushRequired || authorization.client().requirePushedAuthorizationRequests()) {
            throw AuthorizationError.redirect(OAuth2Error.INVALID_REQUEST.setDescription(
                    "authorization requests must be pushed to the pushed_authorization_request_endpoint first "
                    + "(RFC 9126 section 5)"), authorization.redirectUri(), authorization.state());
        }
        return authorization;
    }

    /**
     * A request a client pushes (RFC 9126 §2.1), validated as the authorization endpoint would, and reduced to the
     * parameters it reads; it cannot itself name a {@code request_uri}.
     */
    public Map<String, List<String>> pushable(Map<String, List<String>> parameters) {
        if (parameters.containsKey("request_uri")) {
            throw AuthorizationError.page("request_uri cannot be pushed (RFC 9126 section 2.1)");
        }
        AuthorizationRequest valid = validate(name -> array(parameters.get(name)), null);
        Map<String, List<String>> known = new TreeMap<>(parameters);
        known.keySet().retainAll(PUSHABLE);
        if (valid.loginHint() == null) {
            // Dropped as the authorization endpoint drops it: only a hint, and not worth a place in the ledger.
            known.remove("login_hint");
        }
        return known;
    }

    /** A registered client, or one its metadata document describes; the page, not the client, hears a refusal. */
    private ClientRegistration client(String clientId) {
        try {
            return clients.find(clientId).filter(ClientRegistration::active)
                          .orElseThrow(() -> AuthorizationError.page("unknown client"));
        } catch (OAuth2Exception e) {
            throw AuthorizationError.page(e.error().getDescription());
        }
    }

    private static AuthorizationError refuse(URI redirectUri, String state, String description) {
        return new Refusals(redirectUri, state).with(OAuth2Error.INVALID_REQUEST, description);
    }

    private static String[] array(List<String> values) {
        return values == null ? null : values.toArray(String[]::new);
    }

    private AuthorizationRequest validate(Parameters request, String requestUri) {
        ClientRegistration client = client(single(request, "client_id"));
        String redirect = single(request, "redirect_uri");
        if (redirect == null || !RedirectUriMatch.registered(client.redirectUris(), redirect)) {
            throw AuthorizationError.page("redirect_uri is missing or not registered for this client");
        }
        URI redirectUri = URI.create(redirect);
        String state = optional(request, "state");
        if (state != null && state.length() > MAX_STATE) {
            // Not echoed: a state this long is abuse, and would make the redirect longer than browsers carry.
            throw refuse(redirectUri, null, "state is longer than " + MAX_STATE + " characters");
        }
        Refusals refuse = new Refusals(redirectUri, state);
        if (PARAMETERS.stream().anyMatch(name -> count(request, name) > 1)) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "a parameter was included more than once");
        }
        checkResponseType(first(request, "response_type"), client, refuse);
        String challenge = checkPkce(request, refuse);
        List<String> scopes = ScopePolicy.within(Scope.parse(first(request, "scope")), client.scopes())
                                         .orElseThrow(() -> refuse.with(OAuth2Error.INVALID_SCOPE,
                                                 "scope not allowed for this client"));
        String idTokenHint = optional(request, "id_token_hint");
        return new AuthorizationRequest(client, redirectUri, scopes, resources(request, refuse), state, challenge,
                nonce(request, refuse), prompt(request, refuse), maxAge(request, refuse), loginHint(request),
                idTokenHint, hintedUser(idTokenHint, refuse), requestUri, dpopJkt(request, refuse));
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

    /** RFC 9449 §10: the base64url SHA-256 thumbprint of the key whose proof alone may redeem the code. */
    private static String dpopJkt(Parameters request, Refusals refuse) {
        String jkt = optional(request, "dpop_jkt");
        if (jkt != null && !S256_CHALLENGE.matcher(jkt).matches()) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "dpop_jkt is not a JWK SHA-256 thumbprint");
        }
        return jkt;
    }

    /** OpenID Connect Core §3.1.2.1: known values, and none alone. */
    private static List<String> prompt(Parameters request, Refusals refuse) {
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

    private static Duration maxAge(Parameters request, Refusals refuse) {
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
    private static String loginHint(Parameters request) {
        String hint = optional(request, "login_hint");
        return hint == null || hint.length() > MAX_LOGIN_HINT ? null : hint;
    }

    private static String nonce(Parameters request, Refusals refuse) {
        String nonce = optional(request, "nonce");
        if (nonce != null && nonce.length() > MAX_NONCE) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "nonce is longer than " + MAX_NONCE + " characters");
        }
        return nonce;
    }

    /** RFC 6749 §3.1: a parameter sent without a value is treated as omitted. */
    private static String optional(Parameters request, String name) {
        return Optional.ofNullable(first(request, name)).filter(value -> !value.isEmpty()).orElse(null);
    }

    /** RFC 8707 §2: the resources the client wants the user to authorize it for; a bad one is redirected back. */
    private static List<String> resources(Parameters request, Refusals refuse) {
        try {
            return ResourceIndicators.of(request.values(ResourceIndicators.PARAMETER));
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
    private static String checkPkce(Parameters request, Refusals refuse) {
        String challenge = first(request, "code_challenge");
        if (challenge == null) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "code_challenge is required (PKCE)");
        }
        if (!"S256".equals(first(request, "code_challenge_method"))) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "code_challenge_method must be S256");
        }
        if (!S256_CHALLENGE.matcher(challenge).matches()) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "code_challenge is not a S256 challenge");
        }
        return challenge;
    }

    private static String single(Parameters request, String name) {
        if (count(request, name) > 1) {
            throw AuthorizationError.page(name + " was included more than once");
        }
        return first(request, name);
    }

    private static String first(Parameters request, String name) {
        String[] values = request.values(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static int count(Parameters request, String name) {
        String[] values = request.values(name);
        return values == null ? 0 : values.length;
    }

    private record Refusals(URI redirectUri, String state) {

        AuthorizationError with(com.nimbusds.oauth2.sdk.ErrorObject error, String description) {
            return AuthorizationError.redirect(error.setDescription(description), redirectUri, state);
        }
    }
}
