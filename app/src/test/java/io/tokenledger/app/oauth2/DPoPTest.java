package io.tokenledger.app.oauth2;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP (RFC 9449) at the token endpoint, with Nimbus's {@link DefaultDPoPProofFactory} making the proofs: tokens bound
 * to the proof's key and said so by the token response, introspection and the ledger; proofs replayed, aimed
 * elsewhere or stale refused; a public client's refresh tokens bound to its key, and a code to the key named at
 * authorization.
 */
class DPoPTest extends CodeFlowTestBase {

    private final ECKey key = ecKey();
    private final ECKey otherKey = ecKey();

    @Test
    void dpop_RFC9449Section5_aTokenIsBoundToTheProofsKeyAndIntrospectionAndTheLedgerSaySo() throws Exception {
        ClientInformation service = ledger.register(adminToken(), "read");

        TokenResponse response = token(LedgerClient.basic(service), new ClientCredentialsGrant(), proof(key));

        Tokens tokens = response.toSuccessResponse().getTokens();
        assertThat(tokens.getAccessToken().getType()).isEqualTo(AccessTokenType.DPOP);
        TokenIntrospectionSuccessResponse introspected = ledger.introspect(LedgerClient.basic(service),
                tokens.getAccessToken().getValue());
        assertThat(introspected.getTokenType()).isEqualTo(AccessTokenType.DPOP);
        assertThat(introspected.getJWKThumbprintConfirmation()).isEqualTo(JWKThumbprintConfirmation.of(key));
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'jkt' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type = 'io.tokenledger.events.token.TokenIssued'""",
                String.class, introspected.getJWTID().getValue())).isEqualTo(key.computeThumbprint().toString());
        assertThat(token(LedgerClient.basic(service), new ClientCredentialsGrant(), null).toSuccessResponse()
                .getTokens().getAccessToken().getType()).isEqualTo(AccessTokenType.BEARER);
    }

    @Test
    void aReplayedProofIsRefusedAndNothingRecorded_RFC9449Section11_1() {
        ClientInformation service = ledger.register(adminToken(), "read");
        SignedJWT proof = proof(key);
        assertThat(token(LedgerClient.basic(service), new ClientCredentialsGrant(), proof).indicatesSuccess()).isTrue();
        long events = eventCount();

        TokenResponse replayed = token(LedgerClient.basic(service), new ClientCredentialsGrant(), proof);

        assertThat(replayed.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_dpop_proof");
        assertThat(replayed.toErrorResponse().getErrorObject().getHTTPStatusCode()).isEqualTo(400);
        assertThat(eventCount()).isEqualTo(events);
    }

    /** RFC 9449 §4.3: the proof is for this method at this URL, recent, and not a bearer of a private key. */
    @Test
    void aProofForAnotherUrlOrMethodOrFromLongAgoIsRefused_RFC9449Section4_3() throws JOSEException {
        ClientInformation service = ledger.register(adminToken(), "read");
        DefaultDPoPProofFactory factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        URI tokenEndpoint = ledger.uri("/oauth2/token");

        for (SignedJWT proof : new SignedJWT[]{factory.createDPoPJWT("POST", ledger.uri("/oauth2/introspect")),
                factory.createDPoPJWT("GET", tokenEndpoint),
                factory.createDPoPJWT(new JWTID(), "POST", tokenEndpoint,
                        Date.from(Instant.now().minusSeconds(600)), null)}) {
            TokenResponse refused = token(LedgerClient.basic(service), new ClientCredentialsGrant(), proof);
            assertThat(refused.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_dpop_proof");
        }
        HttpResponse<String> garbage = ledger.form("/oauth2/token", "grant_type=client_credentials",
                "Authorization", LedgerClient.basicHeader(service), "DPoP", "not-a-jwt");
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("invalid_dpop_proof").doesNotContain("Exception");
    }

    /** RFC 9449 §5: a public client proves nothing else, so its refresh tokens need its key. */
    @Test
    void aPublicClientsRefreshTokensAreBoundToItsKey_RFC9449Section5() {
        ClientInformation spa = publicClient();
        CodeFlowClient spaFlow = new CodeFlowClient(ledger, spa, null);
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = spaFlow.signIn(new Browser(), USER, PASSWORD, "read", verifier);
        Tokens first = token(spa, new AuthorizationCodeGrant(code, CodeFlowClient.REDIRECT_URI, verifier), proof(key))
                .toSuccessResponse().getTokens();
        RefreshTokenGrant refresh = new RefreshTokenGrant(first.getRefreshToken());

        TokenResponse otherKeyRefresh = token(spa, refresh, proof(otherKey));
        TokenResponse noProofRefresh = token(spa, refresh, null);
        TokenResponse ownKeyRefresh = token(spa, refresh, proof(key));

        assertThat(otherKeyRefresh.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(noProofRefresh.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(ownKeyRefresh.toSuccessResponse().getTokens().getAccessToken().getType())
                .isEqualTo(AccessTokenType.DPOP);
    }

    /** RFC 9449 §5: a public client that redeemed its code without DPoP is bound by its first refresh with a proof. */
    @Test
    void aPublicClientsFirstRefreshWithAProofBindsItsLaterRefreshes_RFC9449Section5() {
        ClientInformation spa = publicClient();
        CodeFlowClient spaFlow = new CodeFlowClient(ledger, spa, null);
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = spaFlow.signIn(new Browser(), USER, PASSWORD, "read", verifier);
        Tokens bearer = token(spa, new AuthorizationCodeGrant(code, CodeFlowClient.REDIRECT_URI, verifier), null)
                .toSuccessResponse().getTokens();
        Tokens bound = token(spa, new RefreshTokenGrant(bearer.getRefreshToken()), proof(key)).toSuccessResponse()
                .getTokens();

        TokenResponse byOtherKey = token(spa, new RefreshTokenGrant(bound.getRefreshToken()), proof(otherKey));
        TokenResponse ownKey = token(spa, new RefreshTokenGrant(bound.getRefreshToken()), proof(key));

        assertThat(byOtherKey.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_grant");
        assertThat(ownKey.indicatesSuccess()).isTrue();
    }

    private ClientInformation publicClient() {
        return LedgerClient.clientInformation(ledger.registerJson(adminToken(), """
                {"grant_types":["authorization_code","refresh_token"],"token_endpoint_auth_method":"none",
                 "redirect_uris":["%s"],"scope":"read"}""".formatted(CodeFlowClient.REDIRECT_URI)));
    }

    /** RFC 9449 §5.2: a client registered with dpop_bound_access_tokens gets no bearer token. */
    @Test
    void aClientRegisteredForDPoPBoundTokensGetsNoBearerToken_RFC9449Section5_2() {
        HttpResponse<String> registration = ledger.registerJson(adminToken(), """
                {"grant_types":["client_credentials"],"scope":"read","dpop_bound_access_tokens":true}""");
        assertThat(registration.body()).contains("\"dpop_bound_access_tokens\":true");
        ClientInformation strict = LedgerClient.clientInformation(registration);

        TokenResponse bearer = token(LedgerClient.basic(strict), new ClientCredentialsGrant(), null);
        TokenResponse bound = token(LedgerClient.basic(strict), new ClientCredentialsGrant(), proof(key));

        assertThat(bearer.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_dpop_proof");
        assertThat(bound.toSuccessResponse().getTokens().getAccessToken().getType()).isEqualTo(AccessTokenType.DPOP);
    }

    /** RFC 9449 §10: dpop_jkt at the authorization endpoint binds the code to that key. */
    @Test
    void aCodeBoundByDpopJktIsRedeemedOnlyWithAProofOfThatKey_RFC9449Section10() throws JOSEException {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        URI request = new AuthorizationRequest.Builder(ResponseType.CODE, webApp.getID())
                .endpointURI(ledger.uri("/oauth2/authorize")).redirectionURI(CodeFlowClient.REDIRECT_URI)
                .scope(new Scope("read")).state(state).codeChallenge(verifier, CodeChallengeMethod.S256)
                .dPoPJWKThumbprintConfirmation(JWKThumbprintConfirmation.of(key)).build().toURI();
        AuthorizationCode code = client.signIn(new Browser(), USER, PASSWORD, request, state);
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(code, CodeFlowClient.REDIRECT_URI, verifier);

        assertThat(token(webAppAuth, grant, proof(otherKey)).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_grant");
        assertThat(token(webAppAuth, grant, null).indicatesSuccess()).isFalse();
        assertThat(token(webAppAuth, grant, proof(key)).indicatesSuccess()).isTrue();
        HttpResponse<String> malformed = new Browser().get(URI.create(request.toString().replace("dpop_jkt=",
                "dpop_jkt=x")));
        assertThat(CodeFlowClient.parse(malformed).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_request");
    }

    @Test
    void aJwtAccessTokenCarriesTheConfirmation_RFC9449Section6_1() throws Exception {
        HttpResponse<String> registration = ledger.registerJson(adminToken(), """
                {"grant_types":["client_credentials"],"scope":"read","access_token_format":"jwt"}""");
        ClientInformation service = LedgerClient.clientInformation(registration);

        String jwt = token(LedgerClient.basic(service), new ClientCredentialsGrant(), proof(key)).toSuccessResponse()
                .getTokens().getAccessToken().getValue();

        assertThat(JWTParser.parse(jwt).getJWTClaimsSet().getJSONObjectClaim("cnf"))
                .isEqualTo(Map.of("jkt", key.computeThumbprint().toString()));
    }

    /** RFC 9449 §7.2: a bound token presented as a bearer token is refused; with its proof, it is taken. */
    @Test
    void aBoundTokenPresentedAsABearerTokenIsRefused_RFC9449Section7_2() throws JOSEException {
        String bound = token(LedgerClient.basic(ADMIN_ID, ADMIN_SECRET), new ClientCredentialsGrant(), proof(key))
                .toSuccessResponse().getTokens().getAccessToken().getValue();

        HttpResponse<String> ledgerApi = ledger.raw(java.net.http.HttpRequest.newBuilder(ledger.uri("/ledger/audit"))
                                                                            .header("Authorization", "Bearer " + bound));
        HttpResponse<String> userInfo = ledger.raw(java.net.http.HttpRequest.newBuilder(ledger.uri("/oauth2/userinfo"))
                                                                            .header("Authorization", "Bearer " + bound));

        assertThat(ledgerApi.statusCode()).isEqualTo(401);
        assertThat(userInfo.statusCode()).isEqualTo(401);
        HttpResponse<String> withProof = ledger.raw(java.net.http.HttpRequest.newBuilder(ledger.uri("/ledger/audit"))
                .header("Authorization", "DPoP " + bound).header("DPoP", new DefaultDPoPProofFactory(key,
                        JWSAlgorithm.ES256).createDPoPJWT("GET", URI.create(new CodeFlowClient(ledger, webApp,
                        webAppAuth).issuer() + "/ledger/audit"), new DPoPAccessToken(bound)).serialize()));
        assertThat(withProof.statusCode()).as("under the DPoP scheme, with a proof (RFC 9449 section 7.1)")
                .isEqualTo(200);
    }

    /**
     * RFC 9449 §7.1: UserInfo takes a bound token under the DPoP scheme with a proof of its key for this request (its
     * method, URL and the token's hash); without one, replayed, of another key or for another token it is refused, as
     * a bearer token under the DPoP scheme is.
     */
    @Test
    void userInfoTakesABoundTokenWithAProofOfItsKey_RFC9449Section7_1() throws Exception {
        ClientInformation spa = LedgerClient.clientInformation(ledger.registerJson(adminToken(), """
                {"grant_types":["authorization_code"],"token_endpoint_auth_method":"none","first_party":true,
                 "redirect_uris":["%s"],"scope":"openid"}""".formatted(CodeFlowClient.REDIRECT_URI)));
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = new CodeFlowClient(ledger, spa, null).signIn(new Browser(), USER, PASSWORD, "openid",
                verifier);
        AccessToken bound = token(spa, new AuthorizationCodeGrant(code, CodeFlowClient.REDIRECT_URI, verifier),
                proof(key)).toSuccessResponse().getTokens().getAccessToken();
        AccessToken bearer = ledger.tokenResponse(LedgerClient.basic(ADMIN_ID, ADMIN_SECRET), "ledger:admin")
                                   .toSuccessResponse().getTokens().getAccessToken();
        SignedJWT proof = userInfoProof(key, bound);

        assertThat(userInfo("DPoP " + bound.getValue(), proof).statusCode()).isEqualTo(200);
        assertThat(userInfo("DPoP " + bound.getValue(), proof).statusCode()).as("replayed").isEqualTo(401);
        assertThat(userInfo("DPoP " + bound.getValue(), null).statusCode()).as("no proof").isEqualTo(401);
        assertThat(userInfo("DPoP " + bound.getValue(), userInfoProof(otherKey, bound)).statusCode())
                .as("another key").isEqualTo(401);
        assertThat(userInfo("DPoP " + bound.getValue(), userInfoProof(key, bearer)).statusCode())
                .as("a proof for another token").isEqualTo(401);
        assertThat(userInfo("DPoP " + bearer.getValue(), userInfoProof(key, bearer)).statusCode())
                .as("a bearer token under the DPoP scheme").isEqualTo(401);
        assertThat(userInfo("DPoP " + bound.getValue(), userInfoProof(key, bound)).body()).contains("\"sub\"");
    }

    private SignedJWT userInfoProof(ECKey of, AccessToken token) throws JOSEException {
        return new DefaultDPoPProofFactory(of, JWSAlgorithm.ES256).createDPoPJWT("GET",
                URI.create(new CodeFlowClient(ledger, webApp, webAppAuth).issuer() + "/oauth2/userinfo"),
                new DPoPAccessToken(token.getValue()));
    }

    private HttpResponse<String> userInfo(String authorization, SignedJWT proof) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(ledger.uri("/oauth2/userinfo"))
                                                                             .header("Authorization", authorization);
        if (proof != null) {
            request.header("DPoP", proof.serialize());
        }
        return ledger.raw(request);
    }

    @Test
    void theMetadataListsTheProofAlgorithms_RFC9449Section5_1() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(client.issuer()));

        assertThat(metadata.getDPoPJWSAlgs()).contains(JWSAlgorithm.ES256, JWSAlgorithm.RS256)
                                             .doesNotContain(JWSAlgorithm.HS256);
    }

    private SignedJWT proof(ECKey of) {
        try {
            return new DefaultDPoPProofFactory(of, JWSAlgorithm.ES256).createDPoPJWT("POST",
                    ledger.uri("/oauth2/token"));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private TokenResponse token(ClientInformation publicClient, AuthorizationGrant grant, SignedJWT proof) {
        return send(new TokenRequest.Builder(ledger.uri("/oauth2/token"), publicClient.getID(), grant).build()
                                                                                               .toHTTPRequest(), proof);
    }

    private TokenResponse token(ClientAuthentication client, AuthorizationGrant grant, SignedJWT proof) {
        return send(new TokenRequest.Builder(ledger.uri("/oauth2/token"), client, grant).build().toHTTPRequest(),
                proof);
    }

    private static TokenResponse send(HTTPRequest request, SignedJWT proof) {
        if (proof != null) {
            request.setDPoP(proof);
        }
        try {
            return TokenResponse.parse(request.send());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static ECKey ecKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).generate();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }
}
