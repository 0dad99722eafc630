package io.tokenledger.app.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.ParseException;
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
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

/**
 * An OpenID Connect relying party built on Nimbus's OIDC SDK: it discovers the provider, sends the user through the
 * code flow with a nonce, and validates ID tokens against the keys {@code jwks_uri} publishes, as Nimbus's
 * {@link IDTokenValidator} does for any provider.
 */
public final class RelyingParty {

    private final LedgerClient ledger;
    private final ClientInformation client;
    private final CodeFlowClient flow;

    public RelyingParty(LedgerClient ledger, ClientInformation client, ClientAuthentication authentication) {
        this.ledger = ledger;
        this.client = client;
        this.flow = new CodeFlowClient(ledger, client, authentication);
    }

    /** OpenID Connect Discovery 1.0 §4: the provider's metadata, parsed (and so checked) by Nimbus. */
    public OIDCProviderMetadata discover() {
        var response = ledger.raw(HttpRequest.newBuilder(ledger.uri("/.well-known/openid-configuration")).GET());
        try {
            return OIDCProviderMetadata.parse(JSONObjectUtils.parse(response.body()));
        } catch (ParseException e) {
            throw new AssertionError("discovery document does not parse: " + response.body(), e);
        }
    }

    /** OpenID Connect Core §3.1.2.1: an authentication request, with PKCE; nonce null for none. */
    public URI authenticationRequest(String scope, CodeVerifier verifier, State state, Nonce nonce) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, Scope.parse(scope), client.getID(),
                CodeFlowClient.REDIRECT_URI)
                .endpointURI(ledger.uri("/oauth2/authorize"))
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
    }

    /** Signs the user in through the form and redeems the code; the tokens of the OpenID Connect token response. */
    public OIDCTokens signIn(String username, String password, String scope, Nonce nonce) {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        AuthorizationCode code = flow.signIn(new Browser(), username, password,
                authenticationRequest(scope, verifier, state, nonce), state);
        return tokens(exchange(code, verifier));
    }

    public TokenResponse exchange(AuthorizationCode code, CodeVerifier verifier) {
        return send(flow.exchangeRequest(code, CodeFlowClient.REDIRECT_URI, verifier));
    }

    public TokenResponse refresh(RefreshToken refreshToken, String scope) {
        return send(flow.refreshRequest(refreshToken, scope, List.of()));
    }

    public static OIDCTokens tokens(TokenResponse response) {
        if (!response.indicatesSuccess()) {
            throw new AssertionError("refused: " + response.toErrorResponse().getErrorObject().toJSONObject());
        }
        return ((OIDCTokenResponse) response).getOIDCTokens();
    }

    /** OpenID Connect Core §3.1.3.7: signature against jwks_uri, iss, aud, exp, iat and the nonce, by Nimbus. */
    public IDTokenClaimsSet validate(JWT idToken, Nonce expectedNonce) throws BadJOSEException, JOSEException {
        OIDCProviderMetadata provider = discover();
        JWSAlgorithm algorithm = JWSAlgorithm.parse(idToken.getHeader().getAlgorithm().getName());
        // Loaded afresh for each token, so that a test sees the keys published at that moment, not a cached set.
        JWKSet keys;
        try {
            keys = JWKSet.load(provider.getJWKSetURI().toURL());
        } catch (IOException | java.text.ParseException e) {
            throw new AssertionError("jwks_uri did not answer a JWK set", e);
        }
        return new IDTokenValidator(provider.getIssuer(), client.getID(), algorithm, keys)
                .validate(idToken, expectedNonce);
    }

    private static TokenResponse send(TokenRequest request) {
        try {
            return OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new AssertionError("unparseable token response", e);
        }
    }
}
