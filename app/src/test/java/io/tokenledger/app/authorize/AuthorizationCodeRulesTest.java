package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.CodeFlowTestBase;
import io.tokenledger.app.support.Concurrently;
import io.tokenledger.app.support.LedgerClient;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationCodeRulesTest extends CodeFlowTestBase {

    @Test
    void codeReuseIsRefusedAndRevokesTheTokensIssuedFromIt_RFC9700Section4_2_4() {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = code(verifier);
        Tokens tokens = success(client.exchange(code, verifier));

        assertThat(error(client.exchange(code, verifier))).isEqualTo("invalid_grant");

        assertThat(active(tokens.getAccessToken().getValue())).isFalse();
        assertThat(active(tokens.getRefreshToken().getValue())).isFalse();
        String grantId = jdbc.queryForObject("SELECT grant_id::text FROM authorization_codes WHERE code = ?",
                String.class, Secrets.sha256(code.getValue()));
        assertThat(jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, grantId)).extracting(t -> t.substring(t.lastIndexOf('.') + 1))
                .containsExactly("AuthorizationCodeIssued", "AuthorizationCodeRedeemed", "AuthorizationCodeReplayed",
                        "GrantRevoked");
    }

    /**
     * Issue 18, item 10: a native app registered with a loopback IP redirect gets an ephemeral port from its system;
     * any port is accepted at authorize, and the token request names the same one.
     */
    @Test
    void aLoopbackRedirectMayNameAnyPort_RFC8252Section7_3() {
        URI ephemeral = URI.create("http://127.0.0.1:51234/callback");
        CodeVerifier verifier = new CodeVerifier();
        Browser browser = new Browser();
        HttpResponse<String> redirect = browser.signIn(
                browser.get(client.authorizationRequest("read", verifier, new State("s"), ephemeral)), USER, PASSWORD);

        assertThat(redirect.headers().firstValue("Location").orElseThrow()).startsWith(ephemeral + "?");
        AuthorizationCode code = CodeFlowClient.parse(redirect).toSuccessResponse().getAuthorizationCode();
        assertThat(error(client.exchange(code, CodeFlowClient.REDIRECT_URI, verifier)))
                .as("the registered port is not the one the authorization request used").isEqualTo("invalid_grant");
        success(client.exchange(code, ephemeral, verifier));
    }

    /** Issue 18, item 14: the authorization request carried a redirect_uri, the token request must too. */
    @Test
    void aTokenRequestWithoutTheRedirectUriIsAnInvalidRequest_RFC6749Section4_1_3() {
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = code(verifier);

        assertThat(error(client.exchange(code, null, verifier))).isEqualTo("invalid_request");
        assertThat(error(client.exchange(code, URI.create("http://127.0.0.1:9876/other"), verifier)))
                .as("a different one is still invalid_grant").isEqualTo("invalid_grant");
        success(client.exchange(code, verifier));
    }

    /** Issue 18, item 14: a parameter sent without a value counts as omitted, so an empty state is not echoed. */
    @Test
    void anEmptyStateIsTreatedAsAbsent_RFC6749Section3_1() {
        URI request = URI.create(client.authorizationRequest("read", new CodeVerifier(), new State("s-1")).toString()
                                       .replace("state=s-1", "state="));
        Browser browser = new Browser();
        HttpResponse<String> redirect = browser.signIn(browser.get(request), USER, PASSWORD);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location").orElseThrow()).contains("code=")
                                                                          .doesNotContain("state=");
    }

    @Test
    void aWrongVerifierIsRefused_RFC7636Section4_6() {
        AuthorizationCode code = code(new CodeVerifier());
        assertThat(error(client.exchange(code, new CodeVerifier()))).isEqualTo("invalid_grant");
    }

    @Test
    void aMissingVerifierIsRefused_RFC9700Section2_1_1() {
        AuthorizationCode code = code(new CodeVerifier());
        assertThat(error(client.exchange(code, null))).isEqualTo("invalid_grant");
    }

    @Test
    void aPlainChallengeIsRefused_RFC9700Section2_1_1() {
        URI request = URI.create(client.authorizationRequest("read", new CodeVerifier(), new State("s-1")).toString()
                                       .replace("code_challenge_method=S256", "code_challenge_method=plain"));
        AuthorizationErrorResponse error = redirectedError(new Browser().get(request));
        assertThat(error.getErrorObject().getCode()).isEqualTo("invalid_request");
        assertThat(error.getState().getValue()).isEqualTo("s-1");
        assertThat(error.getIssuer().getValue()).as("RFC 9207 iss on errors too").isEqualTo(client.issuer());
    }

    @Test
    void aMissingChallengeIsRefused_RFC9700Section2_1_1() {
        URI request = URI.create(withoutParameters(client.authorizationRequest("read", new CodeVerifier(), new State()),
                "code_challenge", "code_challenge_method"));
        assertThat(redirectedError(new Browser().get(request)).getErrorObject().getCode()).isEqualTo("invalid_request");
    }

    @Test
    void aResponseTypeOtherThanCodeIsRefused() {
        URI request = URI.create(client.authorizationRequest("read", new CodeVerifier(), new State()).toString()
                                       .replace("response_type=code", "response_type=token"));
        assertThat(redirectedError(new Browser().get(request)).getErrorObject().getCode())
                .isEqualTo("unsupported_response_type");
    }

    @Test
    void aRedirectUriMismatchIsNeverRedirectedTo_RFC9700Section4_1() {
        URI request = URI.create(client.authorizationRequest("read", new CodeVerifier(), new State()).toString()
                                       .replace("127.0.0.1%3A9876", "evil.example"));
        HttpResponse<String> page = new Browser().get(request);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
        assertThat(Browser.html(page).text()).contains("redirect_uri");
    }

    @Test
    void anUnknownClientIsNeverRedirectedTo() {
        URI request = URI.create(client.authorizationRequest("read", new CodeVerifier(), new State()).toString()
                                       .replace("client_id=" + webApp.getID().getValue(), "client_id=nobody"));
        HttpResponse<String> page = new Browser().get(request);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void aScopeBeyondTheClientsIsRefused() {
        URI request = client.authorizationRequest("read admin", new CodeVerifier(), new State());
        assertThat(redirectedError(new Browser().get(request)).getErrorObject().getCode()).isEqualTo("invalid_scope");
    }

    @Test
    void anotherClientsCodeIsRefused_RFC6749Section4_1_3() {
        ClientInformation other = ledger.registerCodeClient(adminToken(), "read write");
        CodeFlowClient otherClient = new CodeFlowClient(ledger, other, LedgerClient.basic(other));
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = code(verifier);

        assertThat(error(otherClient.exchange(code, verifier))).isEqualTo("invalid_grant");
        assertThat(success(client.exchange(code, verifier)).getAccessToken()).as("the rightful client still can")
                                                                             .isNotNull();
    }

    @Test
    void concurrentRedemptionsOfOneCodeHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 3; round++) {
            CodeVerifier verifier = new CodeVerifier();
            AuthorizationCode code = code(verifier);
            List<Callable<TokenResponse>> redemptions = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                redemptions.add(() -> client.exchange(code, verifier));
            }
            List<TokenResponse> responses = Concurrently.all(redemptions);
            assertThat(responses).filteredOn(TokenResponse::indicatesSuccess).hasSize(1);
            assertThat(responses).filteredOn(r -> !r.indicatesSuccess())
                                 .allSatisfy(r -> assertThat(error(r)).isEqualTo("invalid_grant"));
        }
    }

    private static AuthorizationErrorResponse redirectedError(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith(CodeFlowClient.REDIRECT_URI.toString()));
        return CodeFlowClient.parse(response).toErrorResponse();
    }

    private static String withoutParameters(URI uri, String... names) {
        String result = uri.toString();
        for (String name : names) {
            result = result.replaceAll("[&?]" + name + "=[^&]*", "");
        }
        return result;
    }
}
