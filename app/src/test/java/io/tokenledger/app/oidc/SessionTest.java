package io.tokenledger.app.oidc;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.Prompt;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import io.tokenledger.app.session.SessionExpiry;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.app.support.RelyingParty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in sessions: the cookie a sign-in sets signs the user in to a second client without the form, {@code prompt}
 * and {@code max_age} as OpenID Connect Core §3.1.2.1 defines them, and sessions that end with an event. Names
 * starting {@code oidcc_} are the OpenID Foundation's basic OP test plan modules they stand for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionTest extends LedgerIntegrationTest {

    private static final String USER = "lamarr";
    private static final String PASSWORD = "correct horse battery";

    @Autowired
    private SessionExpiry expiry;

    private ClientInformation first;
    private ClientInformation second;

    @BeforeAll
    void registerUserAndClients() {
        ledger = new LedgerClient(port, managementPort);
        String admin = adminToken();
        ledger.createUser(admin, USER, PASSWORD);
        first = ledger.registerCodeClient(admin, "openid", true);
        second = ledger.registerCodeClient(admin, "openid", true);
    }

    @Test
    void aSecondClientSignsTheUserInWithoutTheFormAndItsIdTokenNamesTheSameSession() throws Exception {
        Browser browser = new Browser();
        IDTokenClaimsSet atFirst = idToken(first, browser, signInThroughTheForm());

        IDTokenClaimsSet atSecond = idToken(second, browser, request -> { });

        assertThat(atSecond.getStringClaim("sid")).isNotNull().isEqualTo(atFirst.getStringClaim("sid"));
        assertThat(atSecond.getAuthenticationTime()).isEqualTo(atFirst.getAuthenticationTime());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sessions WHERE session_id = ?::uuid AND user_id = ?",
                Long.class, atFirst.getStringClaim("sid"), atFirst.getSubject().getValue())).isOne();
    }

    @Test
    void oidcc_prompt_none_not_logged_in() {
        HttpResponse<String> redirect = authorize(first, new Browser(), request -> request.prompt(Prompt.Type.NONE));

        AuthorizationErrorResponse error = CodeFlowClient.parse(redirect).toErrorResponse();
        assertThat(error.getErrorObject().getCode()).isEqualTo("login_required");
        assertThat(error.getState()).isNotNull();
    }

    @Test
    void oidcc_prompt_none_logged_in() throws Exception {
        Browser browser = new Browser();
        idToken(first, browser, signInThroughTheForm());

        assertThat(idToken(second, browser, request -> request.prompt(Prompt.Type.NONE)).getSubject()).isNotNull();
    }

    /** prompt=login shows the form though a session could answer; signing in starts a new session. */
    @Test
    void oidcc_prompt_login() throws Exception {
        Browser browser = new Browser();
        IDTokenClaimsSet before = idToken(first, browser, signInThroughTheForm());

        Sent page = send(first, browser, request -> request.prompt(Prompt.Type.LOGIN));
        assertThat(page.response().statusCode()).isEqualTo(200);
        IDTokenClaimsSet after = exchange(first, browser.signIn(page.response(), USER, PASSWORD), page.verifier());

        assertThat(after.getStringClaim("sid")).isNotEqualTo(before.getStringClaim("sid"));
        assertThat(endReason(before.getStringClaim("sid"))).isEqualTo("REPLACED");
    }

    /** max_age: a sign-in longer ago than that is not good enough, and the form is shown again. */
    @Test
    void oidcc_max_age_1() throws Exception {
        Browser browser = new Browser();
        idToken(first, browser, signInThroughTheForm());
        Thread.sleep(2_100);

        HttpResponse<String> stale = authorize(second, browser, request -> request.maxAge(1));
        IDTokenClaimsSet recent = idToken(second, browser, request -> request.maxAge(3_600));

        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(recent.getAuthenticationTime()).isNotNull();
    }

    @Test
    void loginHintFillsInTheUsername() {
        HttpResponse<String> page = authorize(first, new Browser(), request -> request.loginHint("hedy"));

        assertThat(Browser.html(page).selectFirst("input[name=username]").val()).isEqualTo("hedy");
    }

    /** OWASP ASVS 3.4: HttpOnly, SameSite, scoped to where sign-in is; Secure is added behind TLS. */
    @Test
    void theSessionCookieIsHttpOnlySameSiteAndOnlyForSignIn() {
        Browser browser = new Browser();
        HttpResponse<String> page = authorize(first, browser, request -> { });
        HttpResponse<String> signedIn = browser.signIn(page, USER, PASSWORD);

        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                                .filter(header -> header.startsWith("ledger_session=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/oauth2/").doesNotContain("Secure");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') "
                + "LIKE ?", Long.class, "%" + cookie.substring("ledger_session=".length(), cookie.indexOf(';'))
                + "%")).isZero();
    }

    /** An idle session ends with an event, recorded by the sweep, and its cookie signs no one in after. */
    @Test
    void anIdleSessionEndsWithAnEventAndSignsNoOneInAfter() throws Exception {
        Browser browser = new Browser();
        String sid = idToken(first, browser, signInThroughTheForm()).getStringClaim("sid");
        jdbc.update("UPDATE sessions SET last_used_at = last_used_at - interval '1 day' WHERE session_id = ?::uuid",
                sid);

        assertThat(expiry.expireAll()).isPositive();

        assertThat(endReason(sid)).isEqualTo("IDLE_TIMEOUT");
        assertThat(CodeFlowClient.parse(authorize(second, browser, request -> request.prompt(Prompt.Type.NONE)))
                                 .toErrorResponse().getErrorObject().getCode()).isEqualTo("login_required");
    }

    /**
     * Someone who can write the database cannot make the ledger record a lifetime as over before it is: the session
     * is not used (the form is shown), and nothing is recorded.
     */
    @Test
    void aRowClaimingTheLifetimeIsOverEndsNothingInTheLedger() throws Exception {
        Browser browser = new Browser();
        String sid = idToken(first, browser, signInThroughTheForm()).getStringClaim("sid");
        jdbc.update("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE session_id = ?::uuid", sid);

        HttpResponse<String> page = authorize(second, browser, request -> { });

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(sessionEnds(sid)).isZero();
        assertThat(expiry.expireAll()).isZero();
    }

    @Test
    void anUnknownPromptValueIsRefused() {
        HttpResponse<String> redirect = authorize(first, new Browser(),
                request -> request.customParameter("prompt", "sideways"));

        assertThat(CodeFlowClient.parse(redirect).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_request");
    }

    private static Consumer<AuthenticationRequest.Builder> signInThroughTheForm() {
        return request -> request.prompt(Prompt.Type.LOGIN);
    }

    private long sessionEnds(String sessionId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE payload_type = 'io.tokenledger.events.session.SessionEnded' AND aggregate_identifier = ?""",
                Long.class, sessionId);
    }

    private String endReason(String sessionId) {
        return jdbc.queryForObject("SELECT end_reason FROM sessions WHERE session_id = ?::uuid", String.class,
                sessionId);
    }

    /** Sends the browser to the authorization endpoint; through the form when it shows one. */
    private IDTokenClaimsSet idToken(ClientInformation client, Browser browser,
                                     Consumer<AuthenticationRequest.Builder> options) throws Exception {
        Sent sent = send(client, browser, options);
        HttpResponse<String> response = sent.response();
        if (response.statusCode() == 200) {
            response = browser.signIn(response, USER, PASSWORD);
        }
        return exchange(client, response, sent.verifier());
    }

    private IDTokenClaimsSet exchange(ClientInformation client, HttpResponse<String> redirect, CodeVerifier verifier)
            throws Exception {
        AuthorizationResponse response = CodeFlowClient.parse(redirect);
        assertThat(response.indicatesSuccess()).as("redirect %s", redirect.headers().firstValue("Location"))
                                               .isTrue();
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();
        RelyingParty relyingParty = new RelyingParty(ledger, client, LedgerClient.basic(client));
        var tokens = RelyingParty.tokens(relyingParty.exchange(code, verifier));
        return relyingParty.validate(tokens.getIDToken(), null);
    }

    private HttpResponse<String> authorize(ClientInformation client, Browser browser,
                                           Consumer<AuthenticationRequest.Builder> options) {
        return send(client, browser, options).response();
    }

    /** An authentication request the browser sent, and the PKCE verifier its code will need. */
    private record Sent(HttpResponse<String> response, CodeVerifier verifier) {
    }

    private Sent send(ClientInformation client, Browser browser, Consumer<AuthenticationRequest.Builder> options) {
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest.Builder request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new Scope("openid"), client.getID(), CodeFlowClient.REDIRECT_URI)
                .endpointURI(ledger.uri("/oauth2/authorize"))
                .state(new State())
                .nonce(new Nonce())
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        options.accept(request);
        return new Sent(browser.get(request.build().toURI()), verifier);
    }
}
