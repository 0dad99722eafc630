package io.tokenledger.app.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.Prompt;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.app.support.RelyingParty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenID Connect RP-Initiated Logout 1.0 against the end_session_endpoint, driven by Nimbus's LogoutRequest. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogoutTest extends LedgerIntegrationTest {

    private static final String USER = "johnson";
    private static final String PASSWORD = "correct horse battery";
    private static final URI LOGGED_OUT = URI.create("http://127.0.0.1:9876/logged-out");

    private ClientInformation client;
    private RelyingParty relyingParty;

    @BeforeAll
    void registerUserAndClient() {
        ledger = new LedgerClient(port, managementPort);
        String admin = adminToken();
        ledger.createUser(admin, USER, PASSWORD);
        client = LedgerClient.clientInformation(ledger.registerJson(admin, """
                {"client_name":"web app","grant_types":["authorization_code"],"redirect_uris":["%s"],
                 "post_logout_redirect_uris":["%s"],"scope":"openid"}""".formatted(CodeFlowClient.REDIRECT_URI,
                LOGGED_OUT)));
        relyingParty = new RelyingParty(ledger, client, LedgerClient.basic(client));
    }

    @Test
    void theDiscoveryDocumentNamesTheEndSessionEndpoint() {
        assertThat(relyingParty.discover().getEndSessionEndpointURI()).isEqualTo(ledger.uri("/oauth2/logout"));
    }

    @Test
    void aLogoutWithTheIdTokenEndsTheSessionAndReturnsToTheRegisteredUriWithState() throws Exception {
        Browser browser = new Browser();
        JWT idToken = signIn(browser);
        String sid = idToken.getJWTClaimsSet().getStringClaim("sid");
        State state = new State();

        HttpResponse<String> back = browser.get(new LogoutRequest(ledger.uri("/oauth2/logout"), idToken, LOGGED_OUT,
                state).toURI());

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).isEqualTo(LOGGED_OUT + "?state=" + state);
        assertThat(back.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("ledger_session=;").contains("Max-Age=0"));
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'reason' FROM domain_event_entry
                WHERE payload_type = 'io.tokenledger.events.session.SessionEnded' AND aggregate_identifier = ?""",
                String.class, sid)).isEqualTo("LOGGED_OUT");
        assertThat(CodeFlowClient.parse(authorize(browser, Prompt.Type.NONE)).toErrorResponse().getErrorObject()
                                 .getCode()).isEqualTo("login_required");
    }

    /** §3: a post_logout_redirect_uri the client did not register is an open redirect; nothing ends. */
    @Test
    void anUnregisteredPostLogoutRedirectUriIsRefusedAndEndsNothing() throws Exception {
        Browser browser = new Browser();
        JWT idToken = signIn(browser);

        HttpResponse<String> refused = browser.get(new LogoutRequest(ledger.uri("/oauth2/logout"), idToken,
                URI.create("https://evil.example/"), new State()).toURI());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(openSession(idToken)).isTrue();
    }

    /** A hint signed by anyone but this server proves nothing: refused, and nothing ends. */
    @Test
    void aForgedIdTokenHintIsRefused() throws Exception {
        Browser browser = new Browser();
        SignedJWT real = (SignedJWT) signIn(browser);
        RSAKey forger = new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(forger.getKeyID()).build(),
                real.getJWTClaimsSet());
        forged.sign(new RSASSASigner(forger));

        HttpResponse<String> refused = browser.get(new LogoutRequest(ledger.uri("/oauth2/logout"), forged, LOGGED_OUT,
                null).toURI());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(openSession(real)).isTrue();
    }

    /** §4: without a hint anyone could have sent the browser, so the user confirms on a CSRF-guarded form. */
    @Test
    void withoutAnIdTokenTheUserConfirmsFirst() throws Exception {
        Browser browser = new Browser();
        JWT idToken = signIn(browser);

        HttpResponse<String> question = browser.get(ledger.uri("/oauth2/logout"));
        assertThat(question.statusCode()).isEqualTo(200);
        assertThat(openSession(idToken)).as("not before the user confirms").isTrue();
        HttpResponse<String> forged = browser.post(ledger.uri("/oauth2/logout/confirm"), Map.of());
        HttpResponse<String> done = browser.submit(question, Map.of());

        assertThat(forged.statusCode()).as("a POST without the form's CSRF token").isEqualTo(403);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("You are signed out");
        assertThat(openSession(idToken)).isFalse();
    }

    @Test
    void registrationKeepsOnlyAcceptablePostLogoutRedirectUris() throws Exception {
        String admin = adminToken();
        HttpResponse<String> fragment = ledger.registerJson(admin, """
                {"grant_types":["authorization_code"],"redirect_uris":["https://app.example/cb"],
                 "post_logout_redirect_uris":["https://app.example/bye#top"]}""");
        HttpResponse<String> plainHttp = ledger.registerJson(admin, """
                {"grant_types":["authorization_code"],"redirect_uris":["https://app.example/cb"],
                 "post_logout_redirect_uris":["http://app.example/bye"]}""");
        HttpResponse<String> good = ledger.registerJson(admin, """
                {"grant_types":["authorization_code"],"redirect_uris":["https://app.example/cb"],
                 "post_logout_redirect_uris":["https://app.example/bye"]}""");

        assertThat(fragment.statusCode()).isEqualTo(400);
        assertThat(fragment.body()).contains("invalid_client_metadata");
        assertThat(plainHttp.statusCode()).isEqualTo(400);
        assertThat(good.statusCode()).isEqualTo(201);
        assertThat(new ObjectMapper().readTree(good.body()).get("post_logout_redirect_uris").get(0).asText())
                .isEqualTo("https://app.example/bye");
    }

    private boolean openSession(JWT idToken) throws Exception {
        return jdbc.queryForObject("SELECT ended_at IS NULL FROM sessions WHERE session_id = ?::uuid", Boolean.class,
                idToken.getJWTClaimsSet().getStringClaim("sid"));
    }

    private JWT signIn(Browser browser) {
        CodeVerifier verifier = new CodeVerifier();
        HttpResponse<String> form = browser.get(request(verifier, Prompt.Type.LOGIN));
        var code = CodeFlowClient.parse(browser.signIn(form, USER, PASSWORD)).toSuccessResponse()
                                 .getAuthorizationCode();
        return RelyingParty.tokens(relyingParty.exchange(code, verifier)).getIDToken();
    }

    private HttpResponse<String> authorize(Browser browser, Prompt.Type prompt) {
        return browser.get(request(new CodeVerifier(), prompt));
    }

    private URI request(CodeVerifier verifier, Prompt.Type prompt) {
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid"), client.getID(),
                CodeFlowClient.REDIRECT_URI)
                .endpointURI(ledger.uri("/oauth2/authorize")).state(new State()).nonce(new Nonce())
                .prompt(prompt).codeChallenge(verifier, CodeChallengeMethod.S256).build().toURI();
    }
}
