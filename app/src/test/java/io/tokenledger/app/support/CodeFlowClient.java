package io.tokenledger.app.support;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.net.http.HttpResponse;

/** An OAuth2 client using the authorization code flow with PKCE, built on the Nimbus SDK. */
public final class CodeFlowClient {

    public static final URI REDIRECT_URI = URI.create("http://127.0.0.1:9876/callback");

    private final LedgerClient ledger;
    private final ClientInformation client;
    private final ClientAuthentication authentication;

    /** @param authentication how the client authenticates, or null for a public client */
    public CodeFlowClient(LedgerClient ledger, ClientInformation client, ClientAuthentication authentication) {
        this.ledger = ledger;
        this.client = client;
        this.authentication = authentication;
    }

    /** The URI the client sends the user's browser to. */
    public URI authorizationRequest(String scope, CodeVerifier verifier, State state) {
        return authorizationRequest(scope, verifier, state, REDIRECT_URI);
    }

    /** The same with another redirect URI. */
    public URI authorizationRequest(String scope, CodeVerifier verifier, State state, URI redirectUri) {
        return new AuthorizationRequest.Builder(ResponseType.CODE, client.getID())
                .endpointURI(ledger.uri("/oauth2/authorize"))
                .redirectionURI(redirectUri)
                .scope(scope == null ? null : Scope.parse(scope))
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
    }

    /** Sends a browser through the login form and returns the code the redirect carries. */
    public AuthorizationCode signIn(Browser browser, String username, String password, String scope,
                                    CodeVerifier verifier) {
        State state = new State();
        return signIn(browser, username, password, authorizationRequest(scope, verifier, state), state);
    }

    /** Sends a browser with this authorization request through the login form; the code the redirect carries. */
    public AuthorizationCode signIn(Browser browser, String username, String password, URI request, State state) {
        HttpResponse<String> login = browser.get(request);
        HttpResponse<String> redirect = browser.signIn(login, username, password);
        if (redirect.statusCode() != 302) {
            throw new AssertionError("sign-in did not redirect: " + redirect.statusCode() + " " + redirect.body());
        }
        AuthorizationSuccessResponse success = parse(redirect).toSuccessResponse();
        if (!state.equals(success.getState())) {
            throw new AssertionError("state was not echoed");
        }
        if (success.getIssuer() == null || !success.getIssuer().getValue().equals(issuer())) {
            throw new AssertionError("RFC 9207: the redirect must name this server as iss, got " + success.getIssuer());
        }
        return success.getAuthorizationCode();
    }

    /** The issuer a test server has when LEDGER_ISSUER is not set. */
    public String issuer() {
        return ledger.uri("").toString();
    }

    public static AuthorizationResponse parse(HttpResponse<String> redirect) {
        try {
            return AuthorizationResponse.parse(URI.create(redirect.headers().firstValue("Location").orElseThrow()));
        } catch (ParseException e) {
            throw new AssertionError("unparseable authorization response", e);
        }
    }

    public TokenResponse exchange(AuthorizationCode code, CodeVerifier verifier) {
        return exchange(code, REDIRECT_URI, verifier);
    }

    /** The exchange with another redirect_uri, or none when null. */
    public TokenResponse exchange(AuthorizationCode code, URI redirectUri, CodeVerifier verifier) {
        return send(exchangeRequest(code, redirectUri, verifier));
    }

    public TokenRequest exchangeRequest(AuthorizationCode code, URI redirectUri, CodeVerifier verifier) {
        return tokenRequest(new AuthorizationCodeGrant(code, redirectUri, verifier), null, List.of());
    }

    /** The exchange naming resources (RFC 8707). */
    public TokenResponse exchange(AuthorizationCode code, CodeVerifier verifier, List<URI> resources) {
        return send(tokenRequest(new AuthorizationCodeGrant(code, REDIRECT_URI, verifier), null, resources));
    }

    public TokenResponse refresh(RefreshToken refreshToken, String scope) {
        return refresh(refreshToken, scope, List.of());
    }

    public TokenResponse refresh(RefreshToken refreshToken, String scope, List<URI> resources) {
        return send(refreshRequest(refreshToken, scope, resources));
    }

    public TokenRequest refreshRequest(RefreshToken refreshToken, String scope, List<URI> resources) {
        return tokenRequest(new RefreshTokenGrant(refreshToken), scope == null ? null : Scope.parse(scope),
                resources);
    }

    /** A public client (no authentication) only names itself with client_id. */
    private TokenRequest tokenRequest(AuthorizationGrant grant, Scope scope, List<URI> resources) {
        URI endpoint = ledger.uri("/oauth2/token");
        TokenRequest.Builder request = authentication == null
                ? new TokenRequest.Builder(endpoint, client.getID(), grant)
                : new TokenRequest.Builder(endpoint, authentication, grant);
        resources.forEach(request::resource);
        return request.scope(scope).build();
    }

    public static TokenResponse send(TokenRequest request) {
        try {
            return TokenResponse.parse(request.toHTTPRequest().send());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new AssertionError("unparseable token response", e);
        }
    }
}
