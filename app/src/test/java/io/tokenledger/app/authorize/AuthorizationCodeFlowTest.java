package io.tokenledger.app.authorize;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.client.ClientInformation;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.tokenledger.app.secret.Secrets;
import io.tokenledger.app.support.Browser;
import io.tokenledger.app.support.CodeFlowClient;
import io.tokenledger.app.support.LedgerClient;
import io.tokenledger.app.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole user-facing flow through a real OAuth2 client library and the login form over HTTP:
 * code + PKCE → tokens → refresh → refresh again → revoke → introspect.
 */
class AuthorizationCodeFlowTest extends LedgerIntegrationTest {

    @Test
    void codeWithPkceThenRotatingRefreshThenRevocation() {
        String admin = adminToken();
        ledger.createUser(admin, "ada", "correct horse battery");
        ClientInformation webApp = ledger.registerCodeClient(admin, "read write");
        ClientAuthentication auth = LedgerClient.basic(webApp);
        CodeFlowClient client = new CodeFlowClient(ledger, webApp, auth);
        CodeVerifier verifier = new CodeVerifier();

        AuthorizationCode code = client.signIn(new Browser(), "ada", "correct horse battery", "read", verifier);
        Tokens first = success(client.exchange(code, verifier));
        assertThat(first.getRefreshToken()).isNotNull();
        TokenIntrospectionSuccessResponse introspected = ledger.introspect(auth, first.getAccessToken().getValue());
        assertThat(introspected.isActive()).isTrue();
        assertThat(introspected.getScope().toStringList()).containsExactly("read");
        String userId = jdbc.queryForObject("SELECT user_id FROM users WHERE username = 'ada'", String.class);
        assertThat(introspected.getSubject().getValue()).isEqualTo(userId);

        Tokens second = success(client.refresh(first.getRefreshToken(), null));
        Tokens third = success(client.refresh(second.getRefreshToken(), null));
        assertThat(third.getRefreshToken()).isNotEqualTo(second.getRefreshToken()).isNotEqualTo(first.getRefreshToken());
        assertThat(ledger.introspect(auth, first.getRefreshToken().getValue()).isActive()).as("retired").isFalse();
        assertThat(ledger.introspect(auth, third.getRefreshToken().getValue()).isActive()).isTrue();
        assertThat(ledger.introspect(auth, first.getAccessToken().getValue()).isActive())
                .as("a rotated token's access token lives until it expires").isTrue();

        assertThat(ledger.revoke(auth, third.getRefreshToken().getValue()).getStatusCode()).isEqualTo(200);
        for (Tokens tokens : new Tokens[]{first, second, third}) {
            assertThat(ledger.introspect(auth, tokens.getAccessToken().getValue()).isActive())
                    .as("revoking a refresh token revokes the grant's access tokens (RFC 7009 §2.1)").isFalse();
        }

        Map<String, Object> codeRow = jdbc.queryForMap("SELECT * FROM authorization_codes WHERE code = ?",
                Secrets.sha256(code.getValue()));
        assertThat(codeRow.get("used_at")).isNotNull();
        assertThat(codeRow.get("code_challenge_method")).isEqualTo("S256");
        assertThat(codeRow.get("user_id")).isEqualTo(userId);
        assertThat(codeRow.get("redirect_uri")).isEqualTo(CodeFlowClient.REDIRECT_URI.toString());
        Map<String, Object> tokenRow = jdbc.queryForMap("SELECT * FROM tokens WHERE access_token = ?",
                Secrets.sha256(first.getAccessToken().getValue()));
        assertThat(tokenRow.get("user_id")).isEqualTo(userId);
        assertThat(tokenRow.get("refresh_token")).isEqualTo(Secrets.sha256(first.getRefreshToken().getValue()));
        assertThat(tokenRow.get("grant_type")).isEqualTo("authorization_code");
        assertThat(tokenRow.get("revocation_reason")).isEqualTo("GRANT_REVOKED_BY_CLIENT");
    }

    @Test
    void aPublicClientUsesTheCodeFlowWithPkceAndNoSecret() {
        String admin = adminToken();
        ledger.createUser(admin, "grace", "another good password");
        var registration = ledger.registerJson(admin, """
                {"grant_types":["authorization_code","refresh_token"],"token_endpoint_auth_method":"none",
                 "redirect_uris":["%s"],"scope":"read"}""".formatted(CodeFlowClient.REDIRECT_URI));
        assertThat(registration.statusCode()).isEqualTo(201);
        assertThat(registration.body()).doesNotContain("client_secret\"");
        ClientInformation app = LedgerClient.clientInformation(registration);
        CodeFlowClient client = new CodeFlowClient(ledger, app, null);
        CodeVerifier verifier = new CodeVerifier();
        AuthorizationCode code = client.signIn(new Browser(), "grace", "another good password", null, verifier);

        Tokens tokens = success(client.exchange(code, verifier));
        Tokens refreshed = success(client.refresh(tokens.getRefreshToken(), null));

        assertThat(refreshed.getAccessToken()).isNotEqualTo(tokens.getAccessToken());
        assertThat(jdbc.queryForObject("SELECT client_secret FROM clients WHERE client_id = ?", String.class,
                app.getID().getValue())).isEqualTo("none");
    }

    private static Tokens success(com.nimbusds.oauth2.sdk.TokenResponse response) {
        if (!response.indicatesSuccess()) {
            throw new AssertionError("refused: " + response.toErrorResponse().getErrorObject().toJSONObject());
        }
        return ((AccessTokenResponse) response).getTokens();
    }
}
