package io.tokenledger.app.oidc;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.OpenIdTestBase;
import io.tokenledger.app.support.RelyingParty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect Core §3.1.2.1's authentication request in the forms this server had left out: sent by POST, and
 * with an {@code id_token_hint} naming the user the client expects. Names starting {@code oidcc_} are the OpenID
 * Foundation's basic OP test plan modules they stand for.
 */
class AuthenticationRequestTest extends OpenIdTestBase {

    private static final String OTHER = "hedy";

    /** The verifier of the last request {@link #hinted} made. */
    private CodeVerifier verifier = new CodeVerifier();

    @Override
    protected String clientScope() {
        return "openid";
    }

    @Test
    void oidcc_ensure_post_request_succeeds() throws Exception {
        Browser browser = new Browser();
        CodeVerifier verifier = new CodeVerifier();
        Nonce nonce = new Nonce();
        URI request = relyingParty.authenticationRequest("openid", verifier, new State(), nonce);

        HttpResponse<String> page = browser.post(ledger.uri("/oauth2/authorize"), parameters(request));
        HttpResponse<String> redirect = browser.signIn(page, USER, PASSWORD);
        OIDCTokens tokens = RelyingParty.tokens(relyingParty.exchange(code(redirect), verifier));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(relyingParty.validate(tokens.getIDToken(), nonce).getSubject().getValue()).isEqualTo(userId());
        assertThat(browser.post(ledger.uri("/oauth2/authorize"), parameters(
                relyingParty.authenticationRequest("openid", new CodeVerifier(), new State(), null))).statusCode())
                .as("a second POST from the signed-in browser is answered by its session").isEqualTo(302);
    }

    @Test
    void aPostedRequestIsValidatedAsTheGetIs() {
        Map<String, String> request = parameters(relyingParty.authenticationRequest("openid", new CodeVerifier(),
                new State(), null));
        request.put("code_challenge_method", "plain");

        HttpResponse<String> redirect = new Browser().post(ledger.uri("/oauth2/authorize"), request);

        assertThat(CodeFlowClient.parse(redirect).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_request");
    }

    @Test
    void oidcc_id_token_hint_theSessionOfTheHintedUserAnswersWithoutTheForm() throws Exception {
        Browser browser = new Browser();
        OIDCTokens first = signIn(browser, USER);

        HttpResponse<String> silent = browser.get(hinted(first.getIDTokenString(), "none"));

        assertThat(silent.statusCode()).isEqualTo(302);
        OIDCTokens second = RelyingParty.tokens(relyingParty.exchange(code(silent), verifier));
        assertThat(second.getIDToken().getJWTClaimsSet().getSubject())
                .isEqualTo(first.getIDToken().getJWTClaimsSet().getSubject());
    }

    /** Core §3.1.2.1: the hint names another user than the one signed in, so prompt=none cannot be answered. */
    @Test
    void aHintNamingAnotherUserIsNotAnsweredByThisBrowsersSession() throws Exception {
        ledger.createUser(adminToken(), OTHER, PASSWORD);
        OIDCTokens others = signIn(new Browser(), OTHER);
        Browser browser = new Browser();
        signIn(browser, USER);

        HttpResponse<String> silent = browser.get(hinted(others.getIDTokenString(), "none"));
        HttpResponse<String> shown = browser.get(hinted(others.getIDTokenString(), null));

        assertThat(CodeFlowClient.parse(silent).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("login_required");
        assertThat(shown.statusCode()).as("the form, for the hinted user to sign in").isEqualTo(200);
        assertThat(Browser.html(shown).select("input[name=id_token_hint]")).hasSize(1);
    }

    @Test
    void aHintThisServerDidNotIssueIsInvalidRequest() throws Exception {
        String forged = signIn(new Browser(), USER).getIDTokenString();
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA";

        HttpResponse<String> redirect = new Browser().get(hinted(forged, null));

        assertThat(CodeFlowClient.parse(redirect).toErrorResponse().getErrorObject().getCode())
                .isEqualTo("invalid_request");
    }

    private URI hinted(String idToken, String prompt) {
        verifier = new CodeVerifier();
        String uri = relyingParty.authenticationRequest("openid", verifier, new State(), null)
                     + "&id_token_hint=" + idToken;
        return URI.create(prompt == null ? uri : uri + "&prompt=" + prompt);
    }

    private OIDCTokens signIn(Browser browser, String username) {
        CodeVerifier codeVerifier = new CodeVerifier();
        State state = new State();
        AuthorizationCode code = new CodeFlowClient(ledger, webApp, LedgerClient.basic(webApp)).signIn(browser,
                username, PASSWORD, relyingParty.authenticationRequest("openid", codeVerifier, state, null), state);
        return RelyingParty.tokens(relyingParty.exchange(code, codeVerifier));
    }

    private static AuthorizationCode code(HttpResponse<String> redirect) {
        return CodeFlowClient.parse(redirect).toSuccessResponse().getAuthorizationCode();
    }

    private static Map<String, String> parameters(URI request) {
        Map<String, String> fields = new LinkedHashMap<>();
        URLUtils.parseParameters(request.getRawQuery()).forEach((name, values) -> fields.put(name, values.get(0)));
        return fields;
    }
}
