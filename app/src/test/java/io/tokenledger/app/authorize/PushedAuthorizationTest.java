package io.tokenledger.app.authorize;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.DatabaseText;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushed authorization requests (RFC 9126), driven by Nimbus's {@link PushedAuthorizationRequest}: the request goes
 * to the server over the back channel, the browser carries only its reference, which works once, for its client,
 * for a short while; and everything the authorization endpoint would refuse is refused at the push.
 */
@TestPropertySource(properties = "ledger.pushed-request-ttl=PT3S")
class PushedAuthorizationTest extends CodeFlowTestBase {

    @Test
    void par_RFC9126_thePushedRequestSignsTheUserInAndIssuesACodeWhileTheBrowserCarriesOnlyItsReference() {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        PushedAuthorizationSuccessResponse pushed = push(webAppAuth, request("read", verifier, state))
                .toSuccessResponse();
        URI browserRequest = viaReference(webApp, pushed.getRequestURI());

        AuthorizationCode code = client.signIn(new Browser(), USER, PASSWORD, browserRequest, state);
        Tokens tokens = success(client.exchange(code, verifier));

        assertThat(pushed.getRequestURI().toString()).startsWith("urn:ietf:params:oauth:request_uri:");
        assertThat(pushed.getLifetime()).isEqualTo(3);
        assertThat(browserRequest.getQuery()).doesNotContain("redirect_uri").doesNotContain("code_challenge");
        assertThat(tokens.getAccessToken().getScope()).hasToString("read");
        assertThat(jdbc.queryForList("""
                SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                String.class, PushedRequests.requestId(pushed.getRequestURI().toString())))
                .containsExactly("io.tokenledger.events.par.AuthorizationRequestPushed",
                        "io.tokenledger.events.par.PushedAuthorizationRequestUsed");
        String reference = pushed.getRequestURI().toString().substring(PushedRequests.PREFIX.length());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE encode(payload, 'escape') LIKE ?",
                Long.class, "%" + reference + "%")).as("only the reference's hash is in the ledger").isZero();
    }

    /**
     * OpenID Connect Core §3.1.2.1's {@code login_hint}, pushed, starts the sign-in form, and is kept as the request's
     * context, encrypted under the day's key, never among the stored parameters (issue 25: it names a person).
     */
    @Test
    void aPushedLoginHintStartsTheFormAndIsStoredOnlyEncrypted() {
        String hint = "hinted.person." + UUID.randomUUID() + "@example.com";
        AuthorizationRequest request = new AuthorizationRequest.Builder(request("read", new CodeVerifier(),
                new State())).customParameter("login_hint", hint).build();
        PushedAuthorizationSuccessResponse pushed = push(webAppAuth, request).toSuccessResponse();

        HttpResponse<String> loginPage = new Browser().get(viaReference(webApp, pushed.getRequestURI()));

        assertThat(Browser.html(loginPage).select("input[name=username]").attr("value")).isEqualTo(hint);
        assertThat(DatabaseText.tablesHolding(jdbc, hint)).isEmpty();
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'loginHint' FROM domain_event_entry
                WHERE aggregate_identifier = ?""", String.class,
                PushedRequests.requestId(pushed.getRequestURI().toString()))).startsWith("enc:v1:anonymous:");
    }

    /** RFC 9126 §4: used once; the browser's own parameters beside the reference change nothing. */
    @Test
    void aRequestUriIsUsedOnceAndTheBrowserCannotChangeWhatWasPushed_RFC9126Section4() {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        URI pushed = push(webAppAuth, request("read", verifier, state)).toSuccessResponse().getRequestURI();
        URI widened = URI.create(viaReference(webApp, pushed) + "&scope=read%20write&code_challenge_method=plain");

        AuthorizationCode code = client.signIn(new Browser(), USER, PASSWORD, widened, state);
        assertThat(success(client.exchange(code, verifier)).getAccessToken().getScope()).hasToString("read");

        HttpResponse<String> again = new Browser().get(viaReference(webApp, pushed));
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("request_uri is unknown, expired, used, or another client");
    }

    @Test
    void anotherClientsUnknownOrExpiredRequestUriIsRefused() throws InterruptedException {
        ClientInformation other = ledger.registerCodeClient(adminToken(), "read");
        URI pushed = push(webAppAuth, request("read", new CodeVerifier(), new State())).toSuccessResponse()
                                                                                      .getRequestURI();

        assertThat(new Browser().get(viaReference(other, pushed)).statusCode()).isEqualTo(400);
        assertThat(new Browser().get(viaReference(webApp, URI.create(PushedRequests.PREFIX + "made-up")))
                                .statusCode()).isEqualTo(400);
        Thread.sleep(3_100);
        assertThat(new Browser().get(viaReference(webApp, pushed)).statusCode()).isEqualTo(400);
    }

    /** The reference must arrive in time; the user then has time to sign in, though the reference has expired. */
    @Test
    void aUserWhoArrivedInTimeMayFinishSigningInAfterTheReferenceExpired() throws InterruptedException {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        URI pushed = push(webAppAuth, request("read", verifier, state)).toSuccessResponse().getRequestURI();
        Browser browser = new Browser();
        HttpResponse<String> form = browser.get(viaReference(webApp, pushed));
        assertThat(form.statusCode()).isEqualTo(200);
        Thread.sleep(3_100);

        HttpResponse<String> redirect = browser.allowIfAsked(browser.signIn(form, USER, PASSWORD));

        AuthorizationCode code = CodeFlowClient.parse(redirect).toSuccessResponse().getAuthorizationCode();
        assertThat(client.exchange(code, verifier).indicatesSuccess()).isTrue();
    }

    /** RFC 9449 §10.1: a DPoP proof sent with the push binds the code to its key. */
    @Test
    void aProofSentWithThePushBindsTheCodeToItsKey_RFC9449Section10_1() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        HTTPRequest pushRequest = new PushedAuthorizationRequest(ledger.uri("/oauth2/par"), webAppAuth,
                request("read", verifier, state)).toHTTPRequest();
        pushRequest.setDPoP(new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256).createDPoPJWT("POST",
                ledger.uri("/oauth2/par")));
        URI pushed = PushedAuthorizationResponse.parse(pushRequest.send()).toSuccessResponse().getRequestURI();
        AuthorizationCode code = client.signIn(new Browser(), USER, PASSWORD, viaReference(webApp, pushed), state);

        assertThat(client.exchange(code, verifier).indicatesSuccess()).as("redeemed without a proof").isFalse();
        HTTPRequest redeem = client.exchangeRequest(code, CodeFlowClient.REDIRECT_URI, verifier).toHTTPRequest();
        redeem.setDPoP(new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256).createDPoPJWT("POST",
                ledger.uri("/oauth2/token")));
        assertThat(redeem.send().getStatusCode()).isEqualTo(200);
    }

    /** A public client proves nothing: its pushes, each a record in the ledger, are bounded per address. */
    @Test
    void aPublicClientsPushesAreBoundedPerAddress() {
        ClientInformation spa = LedgerClient.clientInformation(ledger.registerJson(adminToken(), """
                {"grant_types":["authorization_code"],"token_endpoint_auth_method":"none","redirect_uris":["%s"],
                 "scope":"read"}""".formatted(CodeFlowClient.REDIRECT_URI)));
        String form = "client_id=" + spa.getID() + "&response_type=code&redirect_uri=" + CodeFlowClient.REDIRECT_URI
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        int accepted = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 25 && (last == null || last.statusCode() == 201); i++) {
            last = ledger.form("/oauth2/par", form);
            accepted += last.statusCode() == 201 ? 1 : 0;
        }

        assertThat(accepted).isEqualTo(20);
        assertThat(last.statusCode()).isEqualTo(429);
    }

    /** RFC 9126 §2.3: what the authorization endpoint would refuse is refused at the push, with JSON. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no PKCE | response_type=code&redirect_uri=REDIRECT&scope=read | 400 | invalid_request",
            "an unregistered redirect_uri | response_type=code&redirect_uri=https://evil.example/cb&scope=read"
                    + "&code_challenge=CHALLENGE&code_challenge_method=S256 | 400 | invalid_request",
            "a scope the client lacks | response_type=code&redirect_uri=REDIRECT&scope=admin"
                    + "&code_challenge=CHALLENGE&code_challenge_method=S256 | 400 | invalid_scope",
            "a request_uri inside | response_type=code&redirect_uri=REDIRECT&request_uri=urn:x"
                    + "&code_challenge=CHALLENGE&code_challenge_method=S256 | 400 | invalid_request",
            "a wrong secret | response_type=code&redirect_uri=REDIRECT&client_secret=wrong | 401 | invalid_client",
            "a state of 3000 characters | response_type=code&redirect_uri=REDIRECT&scope=read&state=LONG"
                    + "&code_challenge=CHALLENGE&code_challenge_method=S256 | 400 | invalid_request"})
    void aPushedRequestTheAuthorizationEndpointWouldRefuseIsRefused_RFC9126Section2_3(String name, String body,
                                                                                      int status, String error) {
        long events = eventCount();
        String form = body.replace("REDIRECT", CodeFlowClient.REDIRECT_URI.toString())
                          .replace("CHALLENGE", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
                          .replace("LONG", "s".repeat(3000))
                + (body.contains("client_secret") ? "&client_id=" + webApp.getID() : "");
        HttpResponse<String> response = body.contains("client_secret") ? ledger.form("/oauth2/par", form)
                : ledger.form("/oauth2/par", form, "Authorization", LedgerClient.basicHeader(webApp));

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).contains("\"error\":\"" + error + "\"").doesNotContain("Exception");
        assertThat(eventCount()).isEqualTo(events);
    }

    /** RFC 9126 §6: such a client's requests through the browser are refused, pushed ones served. */
    @Test
    void aClientRegisteredToRequirePushedRequestsMustPushThem_RFC9126Section6() {
        HttpResponse<String> registration = ledger.registerJson(adminToken(), """
                {"grant_types":["authorization_code"],"redirect_uris":["%s"],"scope":"read",
                 "require_pushed_authorization_requests":true}""".formatted(CodeFlowClient.REDIRECT_URI));
        assertThat(registration.body()).contains("\"require_pushed_authorization_requests\":true");
        ClientInformation strict = LedgerClient.clientInformation(registration);
        CodeFlowClient strictClient = new CodeFlowClient(ledger, strict, LedgerClient.basic(strict));
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();

        HttpResponse<String> direct = new Browser().get(strictClient.authorizationRequest("read", verifier, state));
        AuthorizationErrorResponse refused = CodeFlowClient.parse(direct).toErrorResponse();
        assertThat(refused.getErrorObject().getCode()).isEqualTo("invalid_request");

        URI pushed = push(LedgerClient.basic(strict), request(strict, "read", verifier, state)).toSuccessResponse()
                                                                                              .getRequestURI();
        AuthorizationCode code = strictClient.signIn(new Browser(), USER, PASSWORD, viaReference(strict, pushed),
                state);
        assertThat(strictClient.exchange(code, verifier).indicatesSuccess()).isTrue();
    }

    @Test
    void theMetadataNamesTheEndpoint_RFC9126Section5() throws Exception {
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(client.issuer()));

        assertThat(metadata.getPushedAuthorizationRequestEndpointURI()).isEqualTo(ledger.uri("/oauth2/par"));
        assertThat(metadata.requiresPushedAuthorizationRequests()).isFalse();
    }

    private AuthorizationRequest request(String scope, CodeVerifier verifier, State state) {
        return request(webApp, scope, verifier, state);
    }

    private AuthorizationRequest request(ClientInformation to, String scope, CodeVerifier verifier, State state) {
        return new AuthorizationRequest.Builder(ResponseType.CODE, to.getID())
                .redirectionURI(CodeFlowClient.REDIRECT_URI).scope(Scope.parse(scope)).state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
    }

    private PushedAuthorizationResponse push(ClientAuthentication authentication, AuthorizationRequest request) {
        try {
            return PushedAuthorizationResponse.parse(new PushedAuthorizationRequest(ledger.uri("/oauth2/par"),
                    authentication, request).toHTTPRequest().send());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    private URI viaReference(ClientInformation to, URI requestUri) {
        return new AuthorizationRequest.Builder(requestUri, to.getID()).endpointURI(ledger.uri("/oauth2/authorize"))
                                                                        .build().toURI();
    }
}
